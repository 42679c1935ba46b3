import { z } from "zod";

/** The program's floor: each youth branch adopts and supports at least five digital families. */
export const MIN_BRANCH_TARGET = 5;
export const MAX_BRANCH_TARGET = 500;

// Past PostgreSQL's integer a query would fail: such an id is simply not found.
const id = (error: string) => z.coerce.number({ error }).int(error).positive(error).max(2_147_483_647, error);

export const BranchTargetSchema = z.object({
  branchId: id("branchNotFound"),
  target: z.coerce
    .number({ error: "targetInvalid" })
    .int("targetInvalid")
    .min(MIN_BRANCH_TARGET, "targetMin")
    .max(MAX_BRANCH_TARGET, "targetMax"),
  version: id("stale"),
});
export type BranchTargetInput = z.infer<typeof BranchTargetSchema>;
export type BranchTargetField = keyof BranchTargetInput;

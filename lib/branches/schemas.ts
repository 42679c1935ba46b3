import { z } from "zod";
import { dbId } from "@/lib/validation/db-id";

/** The program's floor: each youth branch adopts and supports at least five digital families. */
export const MIN_BRANCH_TARGET = 5;
export const MAX_BRANCH_TARGET = 500;

export const BranchTargetSchema = z.object({
  branchId: dbId("branchNotFound"),
  target: z.coerce
    .number({ error: "targetInvalid" })
    .int("targetInvalid")
    .min(MIN_BRANCH_TARGET, "targetMin")
    .max(MAX_BRANCH_TARGET, "targetMax"),
  version: dbId("stale"),
});
export type BranchTargetInput = z.infer<typeof BranchTargetSchema>;
export type BranchTargetField = keyof BranchTargetInput;

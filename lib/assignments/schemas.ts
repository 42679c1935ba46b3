import { z } from "zod";
import { dbId } from "@/lib/validation/db-id";

export const AssignSchema = z.object({ householdId: dbId("householdNotFound"), volunteerId: dbId("volunteerInvalid") });
export type AssignInput = z.infer<typeof AssignSchema>;
export type AssignField = keyof AssignInput;

export const ReassignSchema = z.object({ assignmentId: dbId("assignmentGone"), volunteerId: dbId("volunteerInvalid") });
export type ReassignInput = z.infer<typeof ReassignSchema>;

export const UnassignSchema = z.object({ assignmentId: dbId("assignmentGone") });
export type UnassignInput = z.infer<typeof UnassignSchema>;

/** The /branch/assign page's query string, parsed leniently. */
export const AssignQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  volunteer: dbId().optional().catch(undefined),
  apage: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type AssignQuery = z.infer<typeof AssignQuerySchema>;

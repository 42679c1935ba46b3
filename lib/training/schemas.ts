// What a class is, as a form sends it: validated here (ids and strings from the client are
// hostile). Start and end are entered in local time (Asia/Ho_Chi_Minh, UTC+7 all year).
import { z } from "zod";
import { localToUtc } from "@/lib/format/dates";
import { plainText } from "@/lib/validation/text";
import { dbId } from "@/lib/validation/db-id";

const optionalId = (error: string) =>
  z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), dbId(error).optional());

export const EventSchema = z
  .object({
    topicId: dbId("topicInvalid"),
    title: plainText({ message: "required" }).min(3, "titleShort").max(200, "titleLong"),
    audience: z.enum(["residents", "officials", "workers", "everyone"], { message: "audienceInvalid" }),
    description: plainText({ message: "required" }).max(2000, "descriptionLong").default(""),
    place: plainText({ message: "required" }).min(2, "required").max(300, "placeLong"),
    organiser: plainText({ message: "required" }).min(2, "required").max(200, "organiserLong"),
    partnerCommuneId: optionalId("partnerInvalid"),
    villageId: optionalId("villageInvalid"),
    capacity: z.coerce
      .number({ message: "capacityInvalid" })
      .int("capacityInvalid")
      .min(1, "capacityInvalid")
      .max(2000, "capacityInvalid"),
    date: z.string({ message: "required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "dateInvalid"),
    startTime: z.string({ message: "required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeInvalid"),
    endTime: z.string({ message: "required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeInvalid"),
  })
  .refine((v) => !Number.isNaN(localToUtc(v.date, v.startTime).getTime()), { path: ["date"], message: "dateInvalid" })
  .refine((v) => v.endTime > v.startTime, { path: ["endTime"], message: "endBeforeStart" });

/** Raw form input: validated here (ids and strings from the client are hostile). */
export type EventInput = Partial<Record<EventField, unknown>>;

export type EventField = keyof z.output<typeof EventSchema>;
export const EVENT_FIELDS = [
  "topicId",
  "title",
  "audience",
  "description",
  "place",
  "organiser",
  "partnerCommuneId",
  "villageId",
  "capacity",
  "date",
  "startTime",
  "endTime",
] as const satisfies readonly EventField[];

export const RepeatSchema = z.object({ date: z.string({ message: "required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "dateInvalid") });

// The text of the class messages sent to people (always Vietnamese: an SMS has one language).
import { createTranslator } from "next-intl";
import { utcToLocal } from "@/lib/format/dates";
import viTraining from "@/messages/vi/training.json";

export const sms = createTranslator({
  locale: "vi",
  messages: { trainingSms: viTraining.trainingSms },
  namespace: "trainingSms",
});

export function smsWhen(d: Date): string {
  const { date, time } = utcToLocal(d);
  const [y, m, day] = date.split("-");
  return `${time} ${day}/${m}/${y}`;
}

// What the seed's steps share: planning steps a context (the reference day, one phone book),
// writing steps the transaction and the ids of what earlier steps wrote.
import { todayInVietnam } from "@/lib/format/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PhoneBook } from "@/prisma/seed/people";
import { Rng } from "@/prisma/seed/random";

export type Tx = Prisma.TransactionClient;

export type PlanContext = {
  householdCount: number;
  today: Date;
  year: number;
  /** Nothing is recorded after `now`. */
  notAfterNow: (d: Date) => Date;
  /**
   * One phone book for the whole commune, so no phone repeats. Its draws depend on the order of
   * the steps that take phones from it: households, users, then class registrations.
   */
  phones: PhoneBook;
};

export function planContext(householdCount: number, now: Date): PlanContext {
  const today = todayInVietnam(now);
  const year = today.getUTCFullYear();
  // Nothing is recorded after `now`.
  const notAfterNow = (d: Date) => new Date(Math.min(d.getTime(), now.getTime() - 60_000));
  const phones = new PhoneBook(new Rng("phones"));
  return { householdCount, today, year, notAfterNow, phones };
}

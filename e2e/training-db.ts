// Direct access to the e2e server's database, to make a test's own rows (never shared demo data).
import { randomInt } from "node:crypto";
import { Client } from "pg";
import { localToUtc, vietnamIsoDay } from "@/lib/format/dates";

export const E2E_DB_URL = `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT ?? 54339}/congdanso`;

export async function withDb<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: E2E_DB_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const uniqueCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
export const uniquePhone = () => `09${String(randomInt(10_000_000, 99_999_999))}`;
export const uniqueTag = () => ALPHABET.slice(0, 20)[randomInt(20)] + String(randomInt(100_000, 999_999));

/** Tomorrow in Vietnam as YYYY-MM-DD. */
export function tomorrowVn(): string {
  return vietnamIsoDay(1);
}

/** Today in Vietnam as YYYY-MM-DD. */
export function todayVn(): string {
  return vietnamIsoDay();
}

/**
 * A class of the demo commune later today (check-in is only possible on the class's day) on a
 * topic that gives a skill; returns ids.
 */
export async function makeClass(c: Client, title: string) {
  const commune = (await c.query(`SELECT id FROM commune WHERE code = 'tu-ky'`)).rows[0].id as number;
  const topic = (
    await c.query(`SELECT id, skill_id FROM training_topic WHERE commune_id = $1 AND key = 'online_safety'`, [commune])
  ).rows[0] as { id: number; skill_id: number };
  const starts = localToUtc(todayVn(), "22:00");
  const ends = localToUtc(todayVn(), "23:30");
  const ev = await c.query(
    `INSERT INTO training_event (commune_id, topic_id, title, audience, place, organiser, starts_at, ends_at, capacity)
     VALUES ($1, $2, $3, 'residents', 'Nhà văn hóa thử', 'Đoàn xã', $4, $5, 30) RETURNING id`,
    [commune, topic.id, title, starts, ends],
  );
  return { communeId: commune, eventId: ev.rows[0].id as number, skillId: topic.skill_id };
}

/** A person of a household made by `insertHousehold`; the first one listed is its head. */
export type TestMember = { name: string; birthYear: number; gender: "male" | "female"; phone?: string };

/**
 * A household of `communeId` in its first village (or `villageId`), with its members, and — with
 * `family` — enrolled as a digital family (adopted by `family.branchId` if given).
 */
export async function insertHousehold(
  c: Client,
  opts: {
    communeId: number;
    villageId?: number;
    address: string;
    members: TestMember[];
    family?: { branchId?: number };
  },
): Promise<{ id: number; memberIds: number[] }> {
  const village =
    opts.villageId ??
    ((await c.query(`SELECT id FROM village WHERE commune_id = $1 ORDER BY id LIMIT 1`, [opts.communeId])).rows[0].id as number);
  const id = (
    await c.query(
      `INSERT INTO household (commune_id, village_id, head_name, address, updated_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
      [opts.communeId, village, opts.members[0].name, opts.address],
    )
  ).rows[0].id as number;
  const memberIds: number[] = [];
  for (const [i, m] of opts.members.entries()) {
    const row = await c.query(
      `INSERT INTO member (commune_id, household_id, full_name, birth_year, gender, phone, is_head, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
      [opts.communeId, id, m.name, m.birthYear, m.gender, m.phone ?? null, i === 0],
    );
    memberIds.push(row.rows[0].id as number);
  }
  if (opts.family)
    await c.query(
      `INSERT INTO digital_family (commune_id, household_id, branch_id, status, enrolled_on) VALUES ($1, $2, $3, 'enrolled', CURRENT_DATE)`,
      [opts.communeId, id, opts.family.branchId ?? null],
    );
  return { id, memberIds };
}

/** A household of one adult with a phone, its digital family, and a registration for the class. */
export async function makeMemberRegistration(c: Client, communeId: number, eventId: number, fullName: string) {
  const phone = uniquePhone();
  const { id: householdId, memberIds } = await insertHousehold(c, {
    communeId,
    address: "Số 1 thử",
    members: [{ name: fullName, birthYear: 1985, gender: "female", phone }],
    family: {},
  });
  const code = uniqueCode();
  await c.query(
    `INSERT INTO registration (commune_id, event_id, full_name, phone, code, member_id) VALUES ($1, $2, $3, $4, $5, NULL)`,
    [communeId, eventId, fullName, phone, code],
  );
  return { memberId: memberIds[0], householdId, code, phone };
}

export async function memberHasSkill(c: Client, memberId: number, skillId: number): Promise<boolean> {
  return (await c.query(`SELECT 1 FROM member_skill WHERE member_id = $1 AND skill_id = $2`, [memberId, skillId])).rowCount === 1;
}

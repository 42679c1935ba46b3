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

/** A household of one adult with a phone, its digital family, and a registration for the class. */
export async function makeMemberRegistration(c: Client, communeId: number, eventId: number, fullName: string) {
  const village = (await c.query(`SELECT id FROM village WHERE commune_id = $1 ORDER BY id LIMIT 1`, [communeId])).rows[0].id;
  const phone = uniquePhone();
  const hh = await c.query(
    `INSERT INTO household (commune_id, village_id, head_name, address, updated_at) VALUES ($1, $2, $3, 'Số 1 thử', now()) RETURNING id`,
    [communeId, village, fullName],
  );
  const householdId = hh.rows[0].id as number;
  const m = await c.query(
    `INSERT INTO member (commune_id, household_id, full_name, birth_year, gender, phone, is_head, updated_at)
     VALUES ($1, $2, $3, 1985, 'female', $4, true, now()) RETURNING id`,
    [communeId, householdId, fullName, phone],
  );
  await c.query(
    `INSERT INTO digital_family (commune_id, household_id, status, enrolled_on) VALUES ($1, $2, 'enrolled', CURRENT_DATE)`,
    [communeId, householdId],
  );
  const code = uniqueCode();
  await c.query(
    `INSERT INTO registration (commune_id, event_id, full_name, phone, code, member_id) VALUES ($1, $2, $3, $4, $5, NULL)`,
    [communeId, eventId, fullName, phone, code],
  );
  return { memberId: m.rows[0].id as number, householdId, code, phone };
}

export async function memberHasSkill(c: Client, memberId: number, skillId: number): Promise<boolean> {
  return (await c.query(`SELECT 1 FROM member_skill WHERE member_id = $1 AND skill_id = $2`, [memberId, skillId])).rowCount === 1;
}

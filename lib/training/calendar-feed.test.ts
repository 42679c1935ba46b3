// The calendar feed of real classes, read by python-icalendar: links on the portal's public URL,
// UIDs on its host, and a moved class carries a higher SEQUENCE and a later LAST-MODIFIED, so
// calendar apps replace their copy instead of keeping the old time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCommune, type Commune } from "@/lib/families/test-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { parseWithPythonICalendar } from "@/lib/testing/icalendar";
import { buildCalendar } from "@/lib/training/calendar";
import { createEvent, updateEvent } from "@/lib/training/mutations";
import { getPublicClass, listCalendarClasses } from "@/lib/training/schedule";

let t: TestDatabase;
let A: Commune;
let topicId: number;
const ORIGIN = "https://congdanso.example.vn";
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDatabase();
  A = await makeCommune(t.db, "lich", 1);
  topicId = (await t.db.trainingTopic.findFirstOrThrow({ where: { communeId: A.id } })).id;
}, 120_000);
afterAll(async () => t?.drop());

async function feed() {
  const classes = await listCalendarClasses(A.id);
  const ics = buildCalendar(
    classes.map((c) => ({ ...c, url: new URL(`/schedule/${c.id}`, ORIGIN).toString() })),
    { name: "Lịch lớp", host: new URL(ORIGIN).hostname },
  );
  return parseWithPythonICalendar(ics);
}

describe("the calendar feed", () => {
  it("links every class on the public URL, and a moved class updates", async () => {
    const input = {
      topicId: String(topicId),
      title: "Cài VNeID cho người cao tuổi",
      audience: "residents",
      place: "Nhà văn hóa thôn Đông",
      organiser: "Đoàn xã",
      capacity: "30",
      date: inDays(3),
      startTime: "08:00",
      endTime: "10:00",
    };
    const { id } = await createEvent(A.admin, input);
    const before = (await feed()).find((e) => e.uid === `training-event-${id}@congdanso.example.vn`)!;
    expect(before).toBeDefined();
    expect(before.url).toBe(`${ORIGIN}/schedule/${id}`);
    expect(before.description).toContain(`${ORIGIN}/schedule/${id}`);
    expect(before.sequence).toBe(0);
    expect(before.start).toBe(`${inDays(3)}T08:00:00+07:00`);
    const created = (await getPublicClass(A.id, id))!;
    expect(new Date(before.lastModified!).getTime()).toBe(Math.floor(created.updatedAt.getTime() / 1000) * 1000);

    await new Promise((r) => setTimeout(r, 1100)); // LAST-MODIFIED counts whole seconds
    await updateEvent(A.admin, id, created.version, { ...input, date: inDays(4), startTime: "14:00", endTime: "16:00" });
    const after = (await feed()).find((e) => e.uid === before.uid)!;
    expect(after.sequence).toBe(1);
    expect(after.start).toBe(`${inDays(4)}T14:00:00+07:00`);
    expect(new Date(after.lastModified!).getTime()).toBeGreaterThan(new Date(before.lastModified!).getTime());
    for (const e of await feed()) {
      expect(e.url!.startsWith(`${ORIGIN}/`), e.uid).toBe(true);
      expect(e.uid.endsWith("@congdanso.example.vn")).toBe(true);
    }
  });
});

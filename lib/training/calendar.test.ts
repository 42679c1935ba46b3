import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, vietnamLocal } from "@/lib/training/calendar";

const entry = {
  id: 7,
  title: "Bình dân học vụ số: An toàn thông tin cá nhân trên mạng xã hội, phần 1; thực hành",
  description: "Mang theo điện thoại.\nCó trợ giảng, hỗ trợ người cao tuổi",
  place: "Hội trường UBND xã Tứ Kỳ, thôn Đông",
  organiser: "Trung tâm Chính trị xã Tứ Kỳ",
  // 08:00 in Vietnam is 01:00 UTC.
  startsAt: new Date("2026-05-09T01:00:00Z"),
  endsAt: new Date("2026-05-09T03:30:00Z"),
  status: "scheduled",
  version: 3,
  updatedAt: new Date("2026-04-20T10:15:30.250Z"),
  url: "https://congdanso.example/schedule/7",
};

describe("the iCalendar file", () => {
  const text = buildCalendar([entry, { ...entry, id: 8, status: "cancelled" }], {
    name: "Lịch lớp – Tứ Kỳ",
    host: "congdanso.example",
    now: new Date("2026-05-01T00:00:00Z"),
  });

  it("is CRLF-separated, folded at 75 octets, with a VTIMEZONE for Asia/Ho_Chi_Minh", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh");
    expect(text).toContain("DTSTART;TZID=Asia/Ho_Chi_Minh:20260509T080000");
  });

  it("parses with ical.js, and the times are right in Vietnam's time zone", () => {
    const comp = new ICAL.Component(ICAL.parse(text));
    const tz = new ICAL.Timezone(comp.getFirstSubcomponent("vtimezone")!);
    ICAL.TimezoneService.register(tz, "Asia/Ho_Chi_Minh");
    const events = comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    const [e] = events;
    expect(e.summary).toBe(entry.title);
    expect(e.location).toBe(entry.place);
    expect(e.description).toBe(`${entry.description}\n${entry.organiser}\n${entry.url}`);
    expect(e.startDate.toString()).toBe("2026-05-09T08:00:00");
    expect(e.startDate.zone?.tzid).toBe("Asia/Ho_Chi_Minh");
    expect(e.startDate.toJSDate().toISOString()).toBe("2026-05-09T01:00:00.000Z");
    expect(e.endDate.toJSDate().toISOString()).toBe("2026-05-09T03:30:00.000Z");
    expect(e.uid).toBe("training-event-7@congdanso.example");
    // Changed twice since it was made: calendars replace their copy when the sequence grows.
    expect(e.sequence).toBe(2);
    expect(e.component.getFirstPropertyValue("last-modified")?.toString()).toBe("2026-04-20T10:15:30Z");
    expect(events[1].component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(comp.getFirstPropertyValue("x-wr-calname")).toBe("Lịch lớp – Tứ Kỳ");
  });

  it("escapes text and never folds inside a character", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const long = "DESCRIPTION:" + "Bình dân học vụ số ".repeat(12);
    const folded = foldLine(long);
    expect(folded.split("\r\n ").join("")).toBe(long);
    expect(vietnamLocal(new Date("2026-12-31T17:30:00Z"))).toBe("20270101T003000");
  });
});

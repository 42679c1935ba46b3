// An iCalendar file read by another program than ours: python-icalendar (the Debian package
// python3-icalendar), as the reviewers' calendar clients read it. Tests only.
import { spawnSync } from "node:child_process";

export type ParsedEvent = {
  uid: string;
  url: string | null;
  sequence: number | null;
  lastModified: string | null;
  start: string;
  description: string;
};

const SCRIPT = `
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for e in cal.walk("VEVENT"):
    lm = e.get("LAST-MODIFIED")
    seq = e.get("SEQUENCE")
    out.append({
        "uid": str(e.get("UID")),
        "url": str(e.get("URL")) if e.get("URL") is not None else None,
        "sequence": int(seq) if seq is not None else None,
        "lastModified": lm.dt.isoformat() if lm is not None else None,
        "start": e.decoded("DTSTART").isoformat(),
        "description": str(e.get("DESCRIPTION") or ""),
    })
print(json.dumps(out))
`;

/** The file's events as python-icalendar reads them; throws when it cannot parse the file. */
export function parseWithPythonICalendar(ics: string): ParsedEvent[] {
  const run = spawnSync("/usr/bin/python3", ["-c", SCRIPT], { input: ics, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python-icalendar failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ParsedEvent[];
}

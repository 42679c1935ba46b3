import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CAPABILITIES, can, rolesWith, type Capability } from "@/lib/auth/capabilities";
import { AREA_CAPABILITY, ROLES } from "@/lib/auth/roles";

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "generated") out.push(...(await sources(p)));
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts") && !p.endsWith(path.join("auth", "capabilities.ts"))) {
      out.push(p);
    }
  }
  return out;
}

describe("the capability table", () => {
  it("names only real roles, each capability held by someone", () => {
    for (const [name, roles] of Object.entries(CAPABILITIES)) {
      expect(roles.length, name).toBeGreaterThan(0);
      for (const r of roles) expect(ROLES, name).toContain(r);
    }
  });

  it("answers can() from the table, for a user or a role", () => {
    for (const name of Object.keys(CAPABILITIES) as Capability[]) {
      for (const role of ROLES) {
        expect(can(role, name)).toBe(rolesWith(name).includes(role));
        expect(can({ role }, name)).toBe(rolesWith(name).includes(role));
      }
    }
  });

  it("has no capability that nothing checks (every one is read by a guard, an area or the export table)", async () => {
    const files = [...(await sources("lib")), ...(await sources("app"))];
    const text = (await Promise.all(files.map((f) => readFile(f, "utf8")))).join("\n");
    const unused = Object.keys(CAPABILITIES).filter((name) => !text.includes(`"${name}"`));
    expect(unused).toEqual([]);
    for (const c of Object.values(AREA_CAPABILITY)) expect(Object.keys(CAPABILITIES)).toContain(c);
  });
});

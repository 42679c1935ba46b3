import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "@/scripts/paths";

describe("npm start", () => {
  it("refuses a production start on a real database without AUTH_SECRET, and says why", () => {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
    };
    delete env.AUTH_SECRET;
    const res = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/serve.ts", "start"],
      {
        cwd: ROOT,
        env: env as NodeJS.ProcessEnv,
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("AUTH_SECRET is not set");
  });
});

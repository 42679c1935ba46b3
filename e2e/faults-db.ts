// The fault test's own PostgreSQL (e2e/faults.spec.ts), in a process of its own: the embedded
// server is an ES module the test runner cannot load, so the spec drives it over stdin/stdout.
//   tsx e2e/faults-db.ts <data dir> <port>
// Starts the embedded server, creates the database, applies the migrations and loads the demo data
// exactly as scripts/serve.ts does, then prints `ready <database url>`. Each line read on stdin is
// a command: `stop` (prints `stopped`), `start` (prints `started`), `quit` (stops and exits).
import { createInterface } from "node:readline";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { seedIfRequested } from "@/scripts/db-tasks";
import { MIGRATIONS_DIR } from "@/scripts/paths";

const [dir, portArg] = process.argv.slice(2);
const port = Number(portArg);
let server: EmbeddedServer | undefined;

const start = async () => {
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port });
};

async function main() {
  await start();
  await ensureDatabase(server!.url("postgres"), "congdanso");
  const url = server!.url("congdanso");
  await applyMigrations(url, MIGRATIONS_DIR);
  await seedIfRequested(url, { force: false });
  console.log(`ready ${url}`);
  for await (const line of createInterface({ input: process.stdin })) {
    const command = line.trim();
    if (command === "stop") {
      await server?.stop();
      server = undefined;
      console.log("stopped");
    } else if (command === "start") {
      await start();
      console.log("started");
    } else if (command === "quit") break;
  }
  await server?.stop();
  process.exit(0);
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await server?.stop().catch(() => {});
  process.exit(1);
});

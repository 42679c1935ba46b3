// Prisma's own WebAssembly schema engine, driven through the pg driver adapter. It does what
// `prisma migrate deploy` and `prisma migrate diff` do, without the native engine binary that the
// Prisma CLI would download (and that a closed network cannot fetch). See STACK.md.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout?: string }>;
};

const filters = { externalTables: [], externalEnums: [] };
let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // The .wasm file is not in the package's export map; find it beside the exported JS.
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const compiled = await WebAssembly.compile(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(compiled, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as unknown as { __wbindgen_start: () => void };
    (bg as unknown as { __wbg_set_wasm: (e: unknown) => void }).__wbg_set_wasm(instance.exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

type Opened = { engine: Engine; close: () => Promise<void> };

async function openEngine(connectionString: string): Promise<Opened> {
  await loadWasm();
  // Track the connections the engine opens, so that they are closed when the work is done (an
  // open connection to a template database would block CREATE DATABASE … TEMPLATE).
  const pg = new PrismaPg({ connectionString });
  const opened: { dispose: () => Promise<void> }[] = [];
  const tracked = {
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: async () => {
      const a = await pg.connect();
      opened.push(a);
      return a;
    },
    connectToShadowDb: async () => {
      const a = await pg.connectToShadowDb();
      opened.push(a);
      return a;
    },
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(tracked as unknown as PrismaPg);
  const log = (msg: string) => {
    if (process.env.DB_DEBUG) console.error(msg);
  };
  const SchemaEngine = (bg as unknown as { SchemaEngine: { new: (...a: unknown[]) => Promise<Engine & { free: () => void }> } })
    .SchemaEngine;
  const engine = await SchemaEngine.new({ datamodels: undefined }, log, adapter);
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
    },
  };
}

export async function listMigrationDirs(migrationsDir: string): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Applies every pending migration in `migrationsDir`, recording them in `_prisma_migrations`. */
export async function applyMigrations(connectionString: string, migrationsDir: string) {
  const { engine, close } = await openEngine(connectionString);
  try {
    return await applyPending(engine, migrationsDir);
  } finally {
    await close();
  }
}

async function applyPending(engine: Engine, migrationsDir: string): Promise<string[]> {
  const dirs = await listMigrationDirs(migrationsDir);
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: { path: "migration.sql", content: { tag: "ok", value: await readFile(file, "utf8") } },
      };
    }),
  );
  const result = await engine.applyMigrations({
    migrationsList: {
      baseDir: migrationsDir,
      lockfile: { path: lockPath, content: await readFile(lockPath, "utf8").catch(() => null) },
      shadowDbInitScript: "",
      migrationDirectories,
    },
    filters,
  });
  return result.appliedMigrationNames;
}

/** The SQL that takes a database from schema `from` (or empty) to schema `to`. */
export async function diffSchemas(connectionString: string, from: string | null, to: string): Promise<string> {
  // The engine opens a connection even for a schema-to-schema diff; it reads nothing from it.
  const { engine, close } = await openEngine(connectionString);
  const file = (content: string) => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] });
  let out = "";
  const origWrite = process.stdout.write.bind(process.stdout);
  // The engine prints the script to stdout; capture it rather than let it reach the terminal.
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }) as typeof process.stdout.write;
  try {
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : file(from),
      to: file(to),
      script: true,
      exitCode: true,
      filters,
    });
    if (result.stdout) out += result.stdout;
  } finally {
    process.stdout.write = origWrite;
    await close();
  }
  // The engine says so in a comment when there is nothing to do.
  return out.trim() === "-- This is an empty migration." ? "" : out;
}

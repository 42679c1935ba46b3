// Several app servers behind nginx, connecting through PgBouncer, on the e2e database
// (docs/decisions/0027): the deployment of docker-compose.yml, on this machine, with the same
// configuration files (deploy/). Debian's nginx and pgbouncer; .ci/run installs them.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { SMPP_TEST_ENV } from "./sms-env";

const ROOT = process.cwd();
const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 54339);

/** Fills `${NAME}` for the names given, as envsubst with a list does; nginx's `$vars` stay. */
export function renderTemplate(file: string, vars: Record<string, string>): string {
  return readFileSync(path.join(ROOT, file), "utf8").replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? vars[name] : whole,
  );
}

export type Proc = { child: ChildProcess; log: () => string; stop: () => Promise<void> };

/**
 * Starts a process in a process group of its own, so that stopping it stops what it started too:
 * `npm start` is tsx, then serve.ts, then next, then next-server; killing the first alone (seen
 * on a loaded CI machine) left a next-server holding the port for the next run.
 */
function start(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): Proc {
  let log = "";
  const child = spawn(cmd, args, { cwd: ROOT, env: opts.env ?? process.env, uid: opts.uid, gid: opts.gid, detached: true });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone
    }
  };
  return {
    child,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup("SIGTERM");
        await once(child, "exit", { signal: AbortSignal.timeout(10_000) }).catch(() => {});
      }
      // Whatever of the group outlived its leader.
      signalGroup("SIGKILL");
    },
  };
}

function need(binary: string, pkg: string): string {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: apt-get install ${pkg} (.ci/run installs it)`);
  return binary;
}

/** The `postgres` system user, when we are root (PgBouncer refuses to run as root). */
function postgresUser(): { uid: number; gid: number } | Record<string, never> {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

export function scratchDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `cds-${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}

/** PgBouncer in transaction mode in front of the e2e server, from deploy/pgbouncer's template. */
export function startPgBouncer(port: number): Proc & { dir: string } {
  const bin = need("/usr/sbin/pgbouncer", "pgbouncer");
  const dir = scratchDir("pgbouncer");
  const ini = renderTemplate("deploy/pgbouncer/pgbouncer.ini.template", {
    PGBOUNCER_DB_HOST: "127.0.0.1",
    PGBOUNCER_DB_PORT: String(E2E_PG_PORT),
    PGBOUNCER_AUTH_USER: "postgres",
    PGBOUNCER_LISTEN_ADDR: "127.0.0.1",
    PGBOUNCER_LISTEN_PORT: String(port),
    PGBOUNCER_DIR: dir,
  });
  writeFileSync(path.join(dir, "pgbouncer.ini"), ini);
  writeFileSync(path.join(dir, "userlist.txt"), `"postgres" "postgres"\n`, { mode: 0o600 });
  const user = postgresUser();
  if ("uid" in user) for (const f of ["", "pgbouncer.ini", "userlist.txt"]) chownSync(path.join(dir, f), user.uid, user.gid);
  const proc = start(bin, [path.join(dir, "pgbouncer.ini")], user);
  return {
    ...proc,
    dir,
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** nginx in front of the app servers, with deploy/nginx's template inside a minimal nginx.conf. */
export function startNginx(port: number, appPorts: number[]): Proc & { accessLog: () => string } {
  const bin = need("/usr/sbin/nginx", "nginx");
  const dir = scratchDir("nginx");
  const accessLog = path.join(dir, "access.log");
  const portal = renderTemplate("deploy/nginx/portal.conf.template", {
    PORTAL_APP_SERVERS: appPorts.map((p) => `server 127.0.0.1:${p};`).join("\n    "),
    PORTAL_LISTEN: `127.0.0.1:${port}`,
    PORTAL_ACCESS_LOG: accessLog,
  });
  writeFileSync(path.join(dir, "portal.conf"), portal);
  for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, t));
  writeFileSync(
    path.join(dir, "nginx.conf"),
    [
      "worker_processes 1;",
      `pid ${dir}/nginx.pid;`,
      "error_log stderr warn;",
      "daemon off;",
      "events { worker_connections 512; }",
      "http {",
      `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;`,
      `  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
      `  include ${dir}/portal.conf;`,
      "}",
      "",
    ].join("\n"),
  );
  // As root, nginx's workers run as `nobody`: they must be able to write the temp folders.
  if (userInfo().uid === 0) for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) chmodSync(path.join(dir, t), 0o777);
  const proc = start(bin, ["-p", dir, "-c", path.join(dir, "nginx.conf")]);
  return {
    ...proc,
    accessLog: () => (existsSync(accessLog) ? readFileSync(accessLog, "utf8") : ""),
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A production app server as `npm start` runs it (scripts/serve.ts: setup, then `next start`), on
 * the e2e database, with its connections through the pooler. It shares the main e2e server's
 * AUTH_SECRET, as every server of one deployment must.
 */
export function startAppServer(port: number, env: Record<string, string>): Proc {
  const dataDir = process.env.E2E_DATA_DIR ?? ".data-e2e";
  const secret = readFileSync(path.resolve(ROOT, dataDir, "auth-secret"), "utf8").trim();
  return start(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/serve.ts", "start"],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/congdanso`,
        AUTH_SECRET: secret,
        DEMO_MODE: "1",
        TRUSTED_PROXY_HOPS: "1",
        // Every server of the run can send an SMS queued by e2e/sms.spec.ts (its worker may take the job).
        ...SMPP_TEST_ENV,
        ...env,
      },
    },
  );
}

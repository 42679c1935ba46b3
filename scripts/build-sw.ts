// Builds the service worker (sw/sw.ts, on Serwist) into public/sw.js with esbuild, before
// `next build`: Next 16 builds with Turbopack, which @serwist/next (a webpack plugin) does not
// support, and a worker needs none of Next's bundling. The revision is new for every build, so a
// new deployment installs a new worker, which keeps the new offline screen.
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { build } from "esbuild";
import { ROOT } from "@/scripts/paths";

const revision = createHash("sha256").update(`${Date.now()}-${randomUUID()}`).digest("hex").slice(0, 16);

build({
  entryPoints: [path.join(ROOT, "sw", "sw.ts")],
  outfile: path.join(ROOT, "public", "sw.js"),
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  sourcemap: false,
  define: { SW_REVISION: JSON.stringify(revision), "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
}).then(
  () => console.log(`[công dân số] service worker built: public/sw.js (revision ${revision})`),
  () => process.exit(1),
);

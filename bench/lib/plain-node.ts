// Imported first by benchmarks that call lib code in their own process, as the tests do: run by
// tsx without React's server condition, so that next/navigation loads (lib/audit/log uses it;
// under react-server its client context cannot be made), and with "server-only" resolved to its
// empty module, as vitest.config.mts aliases it. Must come before any import of lib code.
import Module from "node:module";
import path from "node:path";

const EMPTY = path.resolve(__dirname, "../../node_modules/server-only/empty.js");
type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === "server-only" ? EMPTY : resolve.call(this, request, ...rest);
};

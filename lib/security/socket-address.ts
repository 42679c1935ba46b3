// The address of the TCP peer, for requests that reach the portal with no proxy in front
// (TRUSTED_PROXY_HOPS=0). Next.js does not give route code the socket, and the X-Forwarded-For it
// fills from the socket is kept as the client sent it whenever the client sent one, so a forged
// header would pass for the client's address. This writes the peer's address into every request
// the process's HTTP servers receive, under a header name chosen at random when the process
// starts: a client cannot send that header because it cannot know the name, and until the name
// exists (before instrumentation.ts ran) clientIp trusts no header at all.
import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";

const NAME = Symbol.for("cong-dan-so.socket-address-header");
type Stamped = { [NAME]?: string };

/** The header that carries the socket's peer address in this process, or null before stamping. */
export function socketAddressHeader(): string | null {
  return (globalThis as Stamped)[NAME] ?? null;
}

/** "::ffff:203.0.113.9" (an IPv4 client of a dual-stack server) as "203.0.113.9". */
function plain(address: string | undefined): string {
  if (!address) return "local";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/** Stamps every request of every HTTP(S) server in this process from now on; once per process. */
export function stampSocketAddresses(): void {
  const global = globalThis as Stamped;
  if (global[NAME]) return;
  const name = `x-peer-${randomBytes(12).toString("hex")}`;
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (...a: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
      // Node emits one of these for every request (checkContinue/-Expectation for `Expect:`).
      if (event === "request" || event === "checkContinue" || event === "checkExpectation") {
        const req = args[0] as http.IncomingMessage;
        req.headers[name] = plain(req.socket?.remoteAddress);
      }
      return emit.call(this, event, ...args);
    };
  }
  global[NAME] = name;
}

"use client";

import { useState, useSyncExternalStore } from "react";

/**
 * A random version-4 UUID made on the phone. crypto.randomUUID exists only in secure contexts
 * (HTTPS or localhost); a portal reached over plain HTTP inside a closed network still has
 * crypto.getRandomValues, so build the UUID from that there.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const noSubscription = () => () => {};

/**
 * The hidden `idempotencyKey` of a form, made once on the phone when the form opens, so that a
 * double submit is recorded once. Never during the server render: a page served from the cache to
 * many people would hand them all one key. The input appears once the page is live.
 */
export function IdempotencyKeyInput() {
  const [key] = useState(() => (typeof window === "undefined" ? "" : newIdempotencyKey()));
  const live = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return live ? <input type="hidden" name="idempotencyKey" value={key} /> : null;
}

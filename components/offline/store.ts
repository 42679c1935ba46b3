// The phone's own storage for working offline (IndexedDB through `idb`, the small promise wrapper
// Serwist itself uses). Two stores:
// - "pack": the volunteer's households and walk lists (lib/offline/pack.ts), one record per user,
//   replaced when online, deleted at sign-out (the sign-in page) and after OFFLINE_KEEP_DAYS;
// - "queue": visits recorded here and not yet accepted by the server, keyed by their idempotency
//   key, each with the user who recorded it. Never dropped silently: removed when the server has
//   stored the visit, or when the volunteer discards it.
// IndexedDB survives closing the browser and restarting the phone.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { OfflinePack } from "@/lib/offline/pack";
import { OFFLINE_KEEP_DAYS } from "@/lib/offline/retention";
import type { VisitField, VisitErrorKey } from "@/lib/visits/errors";

/** The visit form's fields as sent (see visitFormInput), kept as name/value pairs. */
export type QueuedFields = [string, string][];

export type QueuedVisit = {
  idempotencyKey: string;
  ownerId: number;
  householdId: number;
  /** Shown in the list of unsent visits even once the pack is gone. */
  headName: string;
  visitedOn: string;
  recordedAt: string;
  fields: QueuedFields;
  /** "pending": waits for a connection; "refused": the server said no, for `reason`. */
  status: "pending" | "refused";
  reason?: { formError?: VisitErrorKey | "fixErrors"; fieldErrors?: Partial<Record<VisitField, string>> };
};

interface OfflineDb extends DBSchema {
  pack: { key: number; value: OfflinePack & { savedAt: string } };
  queue: { key: string; value: QueuedVisit; indexes: { byOwner: number } };
}

const DB_NAME = "cong-dan-so-offline";
/** Broadcast on this window when the queue changes, so every counter on screen follows. */
export const QUEUE_EVENT = "cds:queue-changed";
/** Broadcast when the volunteer's households on the phone were replaced. */
export const PACK_EVENT = "cds:pack-changed";

let opened: Promise<IDBPDatabase<OfflineDb>> | null = null;
function database() {
  opened ??= openDB<OfflineDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore("pack", { keyPath: "userId" });
      db.createObjectStore("queue", { keyPath: "idempotencyKey" }).createIndex("byOwner", "ownerId");
    },
  });
  return opened;
}

const KEEP_MS = OFFLINE_KEEP_DAYS * 86_400_000;

export async function savePack(pack: OfflinePack): Promise<void> {
  await (await database()).put("pack", { ...pack, savedAt: new Date().toISOString() });
  if (typeof window !== "undefined") window.dispatchEvent(new Event(PACK_EVENT));
}

/** The user's pack, unless older than OFFLINE_KEEP_DAYS (then it is deleted). */
export async function loadPack(userId: number, now = Date.now()): Promise<OfflinePack | null> {
  const db = await database();
  const pack = await db.get("pack", userId);
  if (!pack) return null;
  if (now - Date.parse(pack.madeAt) > KEEP_MS) {
    await db.delete("pack", userId);
    return null;
  }
  return pack;
}

/** Deletes every pack older than OFFLINE_KEEP_DAYS, and every other user's (one person per phone at a time). */
export async function prunePacks(keepUserId: number | null, now = Date.now()): Promise<void> {
  const db = await database();
  for (const pack of await db.getAll("pack")) {
    if (pack.userId !== keepUserId || now - Date.parse(pack.madeAt) > KEEP_MS) await db.delete("pack", pack.userId);
  }
}

/** At sign-out: the households leave the phone. Unsent visits stay, for their recorder to send. */
export async function forgetPacks(): Promise<void> {
  await (await database()).clear("pack");
}

function changed() {
  if (typeof window !== "undefined") window.dispatchEvent(new Event(QUEUE_EVENT));
}

export async function enqueueVisit(visit: QueuedVisit): Promise<void> {
  await (await database()).put("queue", visit);
  changed();
}

export async function listQueue(ownerId: number): Promise<QueuedVisit[]> {
  const rows = await (await database()).getAllFromIndex("queue", "byOwner", ownerId);
  return rows.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

export async function getQueued(key: string): Promise<QueuedVisit | undefined> {
  return (await database()).get("queue", key);
}

export async function markRefused(key: string, reason: QueuedVisit["reason"]): Promise<void> {
  const db = await database();
  const row = await db.get("queue", key);
  if (row) await db.put("queue", { ...row, status: "refused", reason });
  changed();
}

export async function removeQueued(key: string): Promise<void> {
  await (await database()).delete("queue", key);
  changed();
}

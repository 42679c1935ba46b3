// Sends the visits kept on the phone, oldest first, QUEUE_BATCH to a request, each with its own
// idempotency key: a visit sent twice (a lost answer, two tabs) is stored once.
// What the server refuses stays on the phone with its reason; a lost connection or a busy server
// leaves the rest for the next attempt; an ended session waits for the same user to sign in again.
import { sendQueuedVisitsAction } from "@/app/(portal)/visits/actions";
import type { OfflinePack } from "@/lib/offline/pack";
import { QUEUE_BATCH } from "@/lib/offline/retention";
import type { QueuedBatchAnswer } from "@/lib/visits/schemas";
import { listQueue, markRefused, removeQueued, savePack } from "@/components/offline/store";

export type SendResult = { sent: number; refused: number; stopped: "offline" | "signedOut" | "busy" | null };

let running: Promise<SendResult> | null = null;

/** One send at a time per page: the online event and "Gửi ngay" together send once. */
export function sendQueue(ownerId: number): Promise<SendResult> {
  running ??= send(ownerId).finally(() => {
    running = null;
  });
  return running;
}

async function send(ownerId: number): Promise<SendResult> {
  const result: SendResult = { sent: 0, refused: 0, stopped: null };
  const pending = (await listQueue(ownerId)).filter((row) => row.status === "pending");
  for (let start = 0; start < pending.length; start += QUEUE_BATCH) {
    if (!navigator.onLine) return { ...result, stopped: "offline" };
    const rows = pending.slice(start, start + QUEUE_BATCH);
    let reply: QueuedBatchAnswer;
    try {
      reply = await sendQueuedVisitsAction(
        ownerId,
        rows.map((row) => row.fields),
      );
    } catch {
      // The request or its answer was lost: the keys stay, so sending again cannot record twice.
      return { ...result, stopped: "offline" };
    }
    if (reply.formError === "signedOut") return { ...result, stopped: "signedOut" };
    for (const [i, answer] of reply.answers.entries()) {
      const row = rows[i];
      if (answer.ok) {
        await removeQueued(row.idempotencyKey);
        result.sent++;
      } else if (answer.formError === "busy" || answer.formError === "network") {
        return { ...result, stopped: "busy" };
      } else {
        await markRefused(row.idempotencyKey, {
          formError: answer.formError as NonNullable<QueuedReason>["formError"],
          fieldErrors: answer.fieldErrors,
        });
        result.refused++;
      }
    }
    // Fewer answers than visits: the server stopped early; the rest wait for the next attempt.
    if (reply.answers.length < rows.length) return { ...result, stopped: "busy" };
  }
  return result;
}

type QueuedReason = Parameters<typeof markRefused>[1];

/** Fetches the volunteer's households and walk lists and keeps them; "signedOut" on a 401. */
export async function refreshPack(userId: number): Promise<"ok" | "signedOut" | "failed"> {
  try {
    const response = await fetch("/api/volunteer/offline-pack", { cache: "no-store", credentials: "same-origin" });
    if (response.status === 401) return "signedOut";
    if (!response.ok) return "failed";
    const pack = (await response.json()) as OfflinePack;
    if (pack.userId !== userId) return "signedOut";
    await savePack(pack);
    return "ok";
  } catch {
    return "failed";
  }
}

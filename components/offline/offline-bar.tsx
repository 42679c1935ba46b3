"use client";

// On every screen of a field volunteer: how many visits recorded on this phone are not sent yet,
// and a "Gửi ngay" button. Sending also happens by itself when the page opens online and when the
// connection returns. It also installs the service worker (only for field volunteers: nobody else
// needs the portal offline) and keeps the phone's copy of the volunteer's households fresh.
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { listQueue, prunePacks, QUEUE_EVENT } from "@/components/offline/store";
import { refreshPack, sendQueue } from "@/components/offline/sync";

/** The phone's copy is fetched again at most this often while pages are opened online. */
const PACK_REFRESH_MS = 10 * 60_000;
const refreshedKey = (userId: number) => `cds:pack-refreshed:${userId}`;

export function OfflineBar({ userId }: { userId: number }) {
  const t = useTranslations("offline");
  const [counts, setCounts] = useState<{ pending: number; refused: number } | null>(null);
  const [online, setOnline] = useState(true);
  const [signedOut, setSignedOut] = useState(false);
  const [sending, setSending] = useState(false);

  const recount = useCallback(
    () =>
      listQueue(userId).then(
        (rows) =>
          setCounts({
            pending: rows.filter((r) => r.status === "pending").length,
            refused: rows.filter((r) => r.status === "refused").length,
          }),
        () => setCounts({ pending: 0, refused: 0 }),
      ),
    [userId],
  );

  const sendNow = useCallback(async () => {
    if (!navigator.onLine) return;
    setSending(true);
    try {
      const result = await sendQueue(userId);
      setSignedOut(result.stopped === "signedOut");
      // The households' last visits and skills changed: the phone's copy follows.
      if (result.sent && (await refreshPack(userId)) === "ok") sessionStorage.setItem(refreshedKey(userId), String(Date.now()));
    } finally {
      setSending(false);
      await recount();
    }
  }, [recount, userId]);

  useEffect(() => {
    const sync = async () => {
      await recount();
      setOnline(navigator.onLine);
      if (!navigator.onLine) return;
      const last = Number(sessionStorage.getItem(refreshedKey(userId)) ?? 0);
      if (Date.now() - last > PACK_REFRESH_MS) {
        const refreshed = await refreshPack(userId);
        if (refreshed === "ok") sessionStorage.setItem(refreshedKey(userId), String(Date.now()));
        if (refreshed === "signedOut") {
          setSignedOut(true);
          return;
        }
      }
      await sendNow();
    };
    const offline = () => setOnline(false);
    const changed = () => void recount();
    void prunePacks(userId).catch(() => {});
    void sync();
    registerServiceWorker();
    window.addEventListener("online", sync);
    window.addEventListener("offline", offline);
    window.addEventListener(QUEUE_EVENT, changed);
    return () => {
      window.removeEventListener("online", sync);
      window.removeEventListener("offline", offline);
      window.removeEventListener(QUEUE_EVENT, changed);
    };
  }, [recount, sendNow, userId]);

  const pending = counts?.pending ?? 0;
  const refused = counts?.refused ?? 0;
  return (
    <section
      aria-label={t("barLabel")}
      className={cn(
        "mx-auto mb-3 flex max-w-xl flex-wrap items-center gap-x-3 gap-y-1 rounded-xl border px-3 py-1 text-sm",
        pending || refused ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white",
      )}
    >
      <p role="status" className="font-medium" data-testid="unsent-count">
        {counts ? t("unsent", { count: pending }) : t("unsentLoading")}
      </p>
      {refused ? <p className="font-medium text-red-800">{t("refusedCount", { count: refused })}</p> : null}
      {!online ? <p className="text-slate-700">{t("offlineNow")}</p> : null}
      {signedOut && online ? (
        <a
          href="/login?next=/volunteer/offline"
          className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
        >
          {t("signInToSend")}
        </a>
      ) : null}
      <span className="ml-auto flex items-center gap-2">
        {pending && online && !signedOut ? (
          <button
            type="button"
            onClick={() => void sendNow()}
            disabled={sending}
            className="min-h-11 rounded-lg bg-brand-600 px-3 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {sending ? t("sending") : t("sendNow")}
          </button>
        ) : null}
        <a href="/volunteer/offline" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
          {t("openOffline")}
        </a>
      </span>
    </section>
  );
}

/** The worker (public/sw.js, built by scripts/build-sw.ts) is installed for field volunteers only. */
function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // Once per tab: the worker fetches the offline screen again for the user signed in now.
      if (!navigator.onLine || sessionStorage.getItem("cds:shell-warmed")) return;
      sessionStorage.setItem("cds:shell-warmed", "1");
      registration.active?.postMessage({ type: "warm-shell" });
    })
    .catch(() => {});
}

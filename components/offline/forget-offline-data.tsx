"use client";

// On the sign-in page, that is after signing out or once a session has ended: the households kept
// on this phone for offline work leave it, and so does the worker's copy of the offline screen
// (made for the user who was signed in). Unsent visits stay, for their recorder to send after
// signing in again (components/offline/store.ts).
import { useEffect } from "react";
import { forgetPacks } from "@/components/offline/store";
import { SHELL_CACHE } from "@/components/offline/names";

export function ForgetOfflineData() {
  useEffect(() => {
    void forgetPacks().catch(() => {});
    if ("caches" in window) void caches.delete(SHELL_CACHE).catch(() => {});
    for (const key of Object.keys(sessionStorage)) if (key.startsWith("cds:")) sessionStorage.removeItem(key);
  }, []);
  return null;
}

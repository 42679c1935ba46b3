import { can } from "@/lib/auth/capabilities";
import { getCurrentUser } from "@/lib/auth/session";
import { getOfflinePack } from "@/lib/offline/pack";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/**
 * The signed-in field volunteer's offline copy (lib/offline/pack.ts), fetched by their phone when
 * online. 401 with no session (the phone keeps its unsent visits and asks to sign in again), 403
 * for any other role. Never cached by the browser or the service worker.
 */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "signedOut" }, { status: 401, headers: NO_STORE });
  if (!can(user, "field:work")) return Response.json({ error: "forbidden" }, { status: 403, headers: NO_STORE });
  return Response.json(await getOfflinePack(user), { headers: NO_STORE });
}

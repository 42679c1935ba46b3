import { zaloEvent } from "@/lib/outbox/zalo-events";

export const dynamic = "force-dynamic";

/** Zalo's webhook: ZNS delivery events, signed with the OA's secret key (ZALO_OA_SECRET_KEY). */
export async function POST(request: Request) {
  const { status, body } = await zaloEvent(request);
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

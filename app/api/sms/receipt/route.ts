import { receiptFromSmsCallback } from "@/lib/outbox/receipt-callback";

export const dynamic = "force-dynamic";

/** The SMS provider's delivery receipts (SMS_HTTP_*): POST JSON or form fields, ?token=… */
export async function POST(request: Request) {
  const { status, body } = await receiptFromSmsCallback(request);
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

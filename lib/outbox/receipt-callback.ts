// POST /api/sms/receipt: the HTTP provider's delivery receipts (lib/outbox/sms-http.ts). Not a
// user's request: it is authorized by the shared token in its address (SMS_HTTP_RECEIPT_TOKEN),
// and it can only end the message carrying the provider's id.
import { recordReceipt } from "@/lib/outbox/receipts";
import { receiptFromCallback, smsHttpConfigFromEnv } from "@/lib/outbox/sms-http";

export async function receiptFromSmsCallback(request: Request): Promise<{ status: number; body: Record<string, unknown> }> {
  const config = smsHttpConfigFromEnv();
  if (!config?.receiptToken) return { status: 404, body: { error: "not configured" } };
  let fields: Record<string, unknown>;
  try {
    const type = request.headers.get("content-type") ?? "";
    fields = type.includes("application/json")
      ? ((await request.json()) as Record<string, unknown>)
      : Object.fromEntries(await request.formData());
  } catch {
    return { status: 400, body: { error: "unreadable body" } };
  }
  const receipt = receiptFromCallback(config, new URL(request.url).searchParams.get("token"), fields);
  if (receipt === "unauthorized") return { status: 401, body: { error: "bad token" } };
  if (!receipt) return { status: 400, body: { error: "no message id" } };
  const ended = await recordReceipt(receipt);
  return { status: 200, body: { ok: true, ended } };
}

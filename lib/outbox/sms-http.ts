// SMS through a provider's HTTP API (issue 19), for providers without SMPP: one adapter whose
// address, credentials and field names come from configuration (SMS_HTTP_*, README "Messages").
// The same rules as SMPP: the parts counted by lib/outbox/sms-text.ts, a busy or unreachable
// provider tried again later (timeouts, 5xx, 429), a refusal (other 4xx, or the provider's own
// "not ok" answer) failed at once; receipts by callback (app/api/sms/receipt) carrying the id the
// provider gave.
import { timingSafeEqual } from "node:crypto";
import { SendError } from "@/lib/outbox/send-error";
import { internationalNumber, type Receipt } from "@/lib/outbox/smpp";
import { smsParts } from "@/lib/outbox/sms-text";

export type SmsHttpConfig = {
  url: string;
  /** Sent as the Authorization header, e.g. "Bearer …" or "Basic …". */
  authorization: string | null;
  /**
   * The provider's names for the fields: the number, the text, the sender (brandname), and, if it
   * takes one, our reference for the message (the outbox id: a provider that keeps it can drop a
   * request sent again after a timeout).
   */
  fields: { to: string; text: string; from: string; ref?: string };
  from: string;
  /** Where the provider's message id is in its JSON answer, e.g. "data.messageId". */
  idPath: string;
  /** Where its own success flag is, and the value that means success (when it answers 200 to refusals). */
  okPath: string | null;
  okValue: string | null;
  /** Numbers as the provider wants them: "84912…" (international) or "0912…" (national). */
  numberFormat: "international" | "national";
  timeoutMs: number;
  /** The receipt callback: its secret (?token=…), and the provider's names for the id and state. */
  receiptToken: string | null;
  receiptIdField: string;
  receiptStatusField: string;
  deliveredValues: string[];
  failedValues: string[];
};

function list(v: string | undefined, d: string[]): string[] {
  const items = (v ?? "")
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  return items.length ? items : d;
}

/** SMS_HTTP_* settings, or null when SMS_HTTP_URL is unset. */
export function smsHttpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmsHttpConfig | null {
  const url = env.SMS_HTTP_URL?.trim();
  if (!url) return null;
  let fields: SmsHttpConfig["fields"] = { to: "to", text: "text", from: "from" };
  if (env.SMS_HTTP_FIELDS?.trim()) fields = { ...fields, ...(JSON.parse(env.SMS_HTTP_FIELDS) as Partial<typeof fields>) };
  return {
    url,
    authorization: env.SMS_HTTP_AUTHORIZATION?.trim() || null,
    fields,
    from: env.SMS_HTTP_FROM?.trim() || env.SMPP_SOURCE?.trim() || "CONGDANSO",
    idPath: env.SMS_HTTP_ID_PATH?.trim() || "id",
    okPath: env.SMS_HTTP_OK_PATH?.trim() || null,
    okValue: env.SMS_HTTP_OK_VALUE?.trim() ?? null,
    numberFormat: env.SMS_HTTP_NUMBER_FORMAT === "national" ? "national" : "international",
    timeoutMs: (Number(env.SMS_HTTP_TIMEOUT_SECONDS) || 10) * 1000,
    receiptToken: env.SMS_HTTP_RECEIPT_TOKEN?.trim() || null,
    receiptIdField: env.SMS_HTTP_RECEIPT_ID_FIELD?.trim() || "id",
    receiptStatusField: env.SMS_HTTP_RECEIPT_STATUS_FIELD?.trim() || "status",
    deliveredValues: list(env.SMS_HTTP_DELIVERED_VALUES, ["DELIVERED", "DELIVRD"]),
    failedValues: list(env.SMS_HTTP_FAILED_VALUES, ["FAILED", "UNDELIV", "UNDELIVERED", "REJECTED", "EXPIRED"]),
  };
}

/** `a.b.c` in a JSON answer. */
function at(value: unknown, pathText: string): unknown {
  return pathText
    .split(".")
    .reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** Sends `text` to `phone` through the provider's API; its id for the message, and the parts. */
export async function sendSmsHttp(
  config: SmsHttpConfig,
  phone: string,
  text: string,
  ref?: string,
): Promise<{ providerId: string; parts: number }> {
  const to = config.numberFormat === "national" ? phone : internationalNumber(phone);
  let res: Response;
  try {
    res = await fetch(config.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(config.authorization ? { authorization: config.authorization } : {}),
      },
      body: JSON.stringify({
        [config.fields.to]: to,
        [config.fields.text]: text,
        [config.fields.from]: config.from,
        ...(config.fields.ref && ref ? { [config.fields.ref]: ref } : {}),
      }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (err) {
    throw new SendError(`SMS API out of reach: ${(err as Error).message}`, { permanent: false });
  }
  const answer = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(answer);
  } catch {
    // not JSON: judged by the status alone
  }
  if (!res.ok) {
    const transient = res.status >= 500 || res.status === 429 || res.status === 408;
    throw new SendError(`SMS API answered ${res.status}: ${answer.slice(0, 200)}`, { permanent: !transient });
  }
  if (config.okPath && String(at(json, config.okPath)) !== config.okValue) {
    throw new SendError(`SMS API refused: ${answer.slice(0, 200)}`, { permanent: true });
  }
  const id = at(json, config.idPath);
  return { providerId: id === undefined || id === null ? "" : String(id), parts: smsParts(text).parts };
}

/** A receipt callback's body as a Receipt, or null when it is not one (or its token is wrong). */
export function receiptFromCallback(
  config: SmsHttpConfig,
  token: string | null,
  body: Record<string, unknown>,
): Receipt | "unauthorized" | null {
  const want = Buffer.from(config.receiptToken ?? "");
  const got = Buffer.from(token ?? "");
  if (want.length === 0 || want.length !== got.length || !timingSafeEqual(want, got)) return "unauthorized";
  const id = body[config.receiptIdField];
  const status = String(body[config.receiptStatusField] ?? "").toUpperCase();
  if (id === undefined || id === null || id === "") return null;
  const state = config.deliveredValues.includes(status)
    ? "delivered"
    : config.failedValues.includes(status)
      ? "failed"
      : "pending";
  return { providerId: String(id), state, reason: state === "failed" ? status : null };
}

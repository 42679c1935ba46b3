// Zalo notifications (ZNS, issue 19): a template message over HTTPS to the person's phone number,
// with SMS as the fallback. A message kind with a template (ZALO_TEMPLATES) is sent as that
// template filled from the values its body was written from (lib/outbox/enqueue.ts `params`);
// Zalo's refusal (no Zalo account on the number, a template not approved, …) sends it by SMS
// instead, once (lib/outbox/worker.ts); a busy or unreachable Zalo is tried again later.
import { SendError } from "@/lib/outbox/send-error";
import { internationalNumber } from "@/lib/outbox/smpp";

export type ZaloConfig = {
  url: string;
  accessToken: string;
  /** Per message kind: the approved template's id, and its parameters' names → our values' names. */
  templates: Record<string, { id: string; params: Record<string, string> }>;
  timeoutMs: number;
};

/** ZALO_* settings, or null when ZALO_ACCESS_TOKEN is unset. */
export function zaloConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ZaloConfig | null {
  const accessToken = env.ZALO_ACCESS_TOKEN?.trim();
  if (!accessToken) return null;
  return {
    url: env.ZALO_ZNS_URL?.trim() || "https://business.openapi.zalo.me/message/template",
    accessToken,
    templates: env.ZALO_TEMPLATES?.trim() ? (JSON.parse(env.ZALO_TEMPLATES) as ZaloConfig["templates"]) : {},
    timeoutMs: (Number(env.ZALO_TIMEOUT_SECONDS) || 10) * 1000,
  };
}

/** Zalo would not take the message, and trying again would not help: send it by SMS. */
export class ZaloRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZaloRefused";
  }
}

// ZNS answers that a later try may pass: its own rate limits and server errors (the rest — no
// Zalo on the number, a template not approved or with a wrong parameter, the quota spent for the
// day — will not pass later, and SMS takes over).
const TRANSIENT_ERRORS = new Set([-32, -33, -1, -100]);

/** Sends one message as its kind's template; Zalo's id for it. */
export async function sendZns(
  config: ZaloConfig,
  msg: { id: number; kind: string; recipient: string; payload?: unknown },
): Promise<{ providerId: string }> {
  const template = config.templates[msg.kind];
  if (!template) throw new ZaloRefused(`no Zalo template for ${msg.kind}`);
  const values = (msg.payload && typeof msg.payload === "object" ? msg.payload : {}) as Record<string, unknown>;
  const data: Record<string, string> = {};
  for (const [param, ours] of Object.entries(template.params)) {
    const v = values[ours];
    if (v === undefined || v === null || v === "") throw new ZaloRefused(`no value "${ours}" for the template's ${param}`);
    data[param] = String(v);
  }
  let res: Response;
  try {
    res = await fetch(config.url, {
      method: "POST",
      headers: { "content-type": "application/json", access_token: config.accessToken },
      body: JSON.stringify({
        phone: internationalNumber(msg.recipient),
        template_id: template.id,
        template_data: data,
        tracking_id: `cds-${msg.id}`,
      }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (err) {
    throw new SendError(`Zalo out of reach: ${(err as Error).message}`, { permanent: false });
  }
  if (res.status >= 500 || res.status === 429) throw new SendError(`Zalo answered ${res.status}`, { permanent: false });
  const answer = (await res.json().catch(() => null)) as { error?: number; message?: string; data?: { msg_id?: string } } | null;
  const error = Number(answer?.error ?? (res.ok ? 0 : res.status));
  if (error === 0 && answer?.data?.msg_id) return { providerId: String(answer.data.msg_id) };
  const reason = `Zalo refused (${error}): ${answer?.message ?? res.statusText}`;
  if (TRANSIENT_ERRORS.has(error)) throw new SendError(reason, { permanent: false });
  throw new ZaloRefused(reason);
}

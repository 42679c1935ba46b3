// Which channel a new message goes out on (README "Messages"): MESSAGE_CHANNEL for every kind,
// unless MESSAGE_CHANNEL_BY_KIND names one for its kind, e.g. codes by SMS while the class
// messages go by Zalo: `phone_code:sms,signin_unlock:sms`. The channel is stamped on the row when
// it is queued (lib/outbox/enqueue.ts); lib/outbox/senders.ts sends by it.

/** The channels a message can go out on, as the outbox view lists them. */
export const MESSAGE_CHANNELS = ["sms", "zalo", "log"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

const isChannel = (c: string): c is MessageChannel => (MESSAGE_CHANNELS as readonly string[]).includes(c);

/**
 * MESSAGE_CHANNEL_BY_KIND as a map; throws, naming the entry, when one is not `kind:channel` with a
 * known channel (scripts/serve.ts checks it before the portal starts).
 */
export function channelsByKind(env: Record<string, string | undefined> = process.env): Record<string, MessageChannel> {
  const map: Record<string, MessageChannel> = {};
  for (const entry of (env.MESSAGE_CHANNEL_BY_KIND ?? "").split(",")) {
    if (!entry.trim()) continue;
    const [kind, channel, ...rest] = entry.split(":").map((s) => s.trim());
    if (!kind || !channel || rest.length > 0 || !isChannel(channel)) {
      throw new Error(
        `MESSAGE_CHANNEL_BY_KIND: "${entry.trim()}" is not kind:channel with a channel of ${MESSAGE_CHANNELS.join(", ")}`,
      );
    }
    map[kind] = channel;
  }
  return map;
}

/** The channel new messages of `kind` go out on; "log" when nothing is configured. */
export function messageChannel(kind: string, env: Record<string, string | undefined> = process.env): string {
  return channelsByKind(env)[kind] ?? (env.MESSAGE_CHANNEL?.trim() || "log");
}

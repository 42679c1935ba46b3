import { describe, expect, it } from "vitest";
import { channelsByKind, messageChannel } from "@/lib/outbox/channels";

describe("the channel of a message kind", () => {
  it("is MESSAGE_CHANNEL, log by default, unless MESSAGE_CHANNEL_BY_KIND names one for the kind", () => {
    expect(messageChannel("class_reminder", {})).toBe("log");
    expect(messageChannel("class_reminder", { MESSAGE_CHANNEL: "zalo" })).toBe("zalo");
    const env = { MESSAGE_CHANNEL: "zalo", MESSAGE_CHANNEL_BY_KIND: " phone_code:sms, signin_unlock : sms ," };
    expect(messageChannel("phone_code", env)).toBe("sms");
    expect(messageChannel("signin_unlock", env)).toBe("sms");
    expect(messageChannel("class_reminder", env)).toBe("zalo");
  });

  it("refuses an entry it cannot read, naming it", () => {
    expect(() => channelsByKind({ MESSAGE_CHANNEL_BY_KIND: "phone_code:email" })).toThrow(/"phone_code:email"/);
    expect(() => channelsByKind({ MESSAGE_CHANNEL_BY_KIND: "phone_code" })).toThrow(/kind:channel/);
    expect(() => channelsByKind({ MESSAGE_CHANNEL_BY_KIND: "a:sms:x" })).toThrow(/"a:sms:x"/);
    expect(channelsByKind({})).toEqual({});
  });
});

import type messages from "./messages/vi.json";
import type { Locale } from "./lib/i18n/config";

// Type-checks every message key used with next-intl against the Vietnamese messages.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}

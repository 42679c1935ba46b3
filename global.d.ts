import type admin from "./messages/vi/admin.json";
import type campaigns from "./messages/vi/campaigns.json";
import type contests from "./messages/vi/contests.json";
import type core from "./messages/vi/core.json";
import type drilldown from "./messages/vi/drilldown.json";
import type dashboard from "./messages/vi/dashboard.json";
import type families from "./messages/vi/families.json";
import type households from "./messages/vi/households.json";
import type onboarding from "./messages/vi/onboarding.json";
import type privacy from "./messages/vi/privacy.json";
import type progress from "./messages/vi/progress.json";
import type schedule from "./messages/vi/schedule.json";
import type training from "./messages/vi/training.json";
import type visits from "./messages/vi/visits.json";
import type { Locale } from "./lib/i18n/config";
import type { DATE_FORMATS } from "./lib/format/date-formats";

// Type-checks every message key used with next-intl against the Vietnamese messages.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Formats: { dateTime: typeof DATE_FORMATS };
    Messages: typeof core &
      typeof households &
      typeof visits &
      typeof families &
      typeof campaigns &
      typeof schedule &
      typeof training &
      typeof progress &
      typeof privacy &
      typeof drilldown &
      typeof dashboard &
      typeof admin &
      typeof contests &
      typeof onboarding;
  }
}

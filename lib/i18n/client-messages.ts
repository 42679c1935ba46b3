// Which messages each client component reads, in one place. A page sends a browser only the
// messages of the client components it renders (components/i18n/client-messages.tsx): server
// components translate on the server, and their text arrives as HTML, so the whole catalogue
// (120 KB, most of a small page's HTML) is never serialised into a page again (issue 17).
// lib/i18n/client-messages.test.ts reads every client component's useTranslations(...) calls and
// checks its entry here covers them, and that every server file rendering it wraps it.

/** Each client component (by its exported name) and the message namespaces it reads ("a.b": only that part of "a"). */
export const CLIENT_MESSAGES = {
  ErrorView: ["errors"],
  ScrollRegion: ["table"],
  OfflineBar: ["offline"],
  OfflineApp: ["familyStatus", "offline", "visits"],
  VisitForm: ["visits"],
  // Forms of the public pages.
  LoginForm: ["login", "validation"],
  RegisterForm: ["nav", "passwordPolicy", "privacy", "register", "validation"],
  ActivateForm: ["activate", "nav", "passwordPolicy", "validation"],
  SignUpForm: ["schedule.class", "schedule.errors"],
  OneTapForm: ["schedule.class", "schedule.errors"],
  CancelForm: ["schedule.cancel", "schedule.errors"],
  // Residents.
  ErasureForm: ["privacy.erasureRequest", "validation"],
  PhoneCodeForm: ["phoneVerification", "validation"],
  // Households.
  // ConsentTick (components/consent) reads privacy.consentText and, for a class, schedule.class.
  HouseholdForm: ["householdErrors", "householdForm", "privacy.consentForm", "privacy.consentText", "schedule.class"],
  MemberForm: ["householdErrors", "householdForm", "memberForm", "privacy.consentForm", "privacy.consentText", "schedule.class"],
  RemoveMemberForm: [
    "householdErrors",
    "householdForm",
    "memberForm",
    "privacy.consentForm",
    "privacy.consentText",
    "schedule.class",
  ],
  BusinessForm: ["businessForm", "householdErrors", "householdForm"],
  // Families and branches.
  SkillForm: ["families.criteria", "families.errors"],
  TargetForm: ["families.errors", "families.target"],
  InlineActionForm: ["families.common", "families.errors"],
  // Campaigns.
  CampaignForm: ["campaignForm", "campaigns.kind"],
  BuildWalkListsForm: ["campaignForm.errors", "campaignSummary"],
  ShiftForm: ["campaignForm.errors", "campaignMyList"],
  // Training.
  EventForm: ["trainingErrors", "trainingForm"],
  RepeatForm: ["trainingDetail", "trainingErrors"],
  CancelEventForm: ["trainingDetail", "trainingErrors"],
  CheckIn: ["trainingCheckIn", "trainingErrors", "privacy.consentForm", "privacy.consentText", "schedule.class"],
  TopicForm: ["trainingErrors", "trainingTopics"],
  // Officials and admins.
  FigureForm: ["figures"],
  ResultsForm: ["contests"],
  ImportForm: ["imports"],
  UploadForm: ["onboarding"],
  MappingForm: ["onboarding"],
  SaveForm: ["onboarding"],
  ConfirmForm: ["onboarding"],
  RejectErasureForm: ["erasureAdmin", "validation"],
  VillageAliasForm: ["villageAliases"],
  RemoveVillageAliasForm: ["villageAliases"],
} as const satisfies Record<string, readonly string[]>;

export type ClientComponentName = keyof typeof CLIENT_MESSAGES;

/**
 * Client components that can appear on any page (the error page; a wide table's scroll hint, which
 * every server-rendered table has): the root layout gives their messages to every page, and each
 * nested catalogue repeats them, since a nested provider replaces its parent's messages.
 */
export const EVERY_PAGE: ClientComponentName[] = ["ErrorView", "ScrollRegion"];

type Messages = Record<string, unknown>;

/** The parts of `all` that the dotted paths name, merged into one catalogue of the same shape. */
export function pickMessages(all: Messages, paths: readonly string[]): Messages {
  const out: Messages = {};
  for (const p of paths) {
    const keys = p.split(".");
    let from: unknown = all;
    for (const k of keys) from = from && typeof from === "object" ? (from as Messages)[k] : undefined;
    if (from === undefined) throw new Error(`No messages under "${p}"`);
    let into = out;
    for (const k of keys.slice(0, -1)) {
      const next = into[k];
      into = (into[k] = next && typeof next === "object" ? next : {}) as Messages;
    }
    into[keys.at(-1)!] = from;
  }
  return out;
}

/** The catalogue the client components `names` read, with those every page has. */
export function clientMessages(all: Messages, names: readonly ClientComponentName[]): Messages {
  return pickMessages(
    all,
    [...new Set([...EVERY_PAGE, ...names])].flatMap((n) => CLIENT_MESSAGES[n]),
  );
}

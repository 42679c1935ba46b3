// The permission matrix, as data: every page, route handler and server action of app/ says who
// may use it and how far it reaches. lib/auth/permissions.test.ts walks app/ and fails when one is
// missing here (or listed here but gone); lib/auth/matrix.test.ts calls every action and route as
// each role, anonymously and from another commune; e2e/matrix.spec.ts opens every page the same way.
//
// This is a declaration checked by tests, not the guard itself: the real check stays in lib/
// (requireCan with lib/auth/capabilities.ts, communeOf, the scoped `where`), because a server action is a public endpoint
// whatever page shows it. Deny by default: a role not listed is refused.
//
// To add an entry: a page by its URL pattern (route groups dropped, e.g. "/households/[id]"), a
// route handler as "METHOD /path", an action under its file (relative to the repo) by export name.
// Give each dynamic segment the kind of record it names (`params`), so the tests can fill it with
// a real id of the user's commune and one of another commune.
import { rolesWith } from "@/lib/auth/capabilities";
import { AREA_CAPABILITY, ROLES, type Area, type Role } from "@/lib/auth/roles";
import { EXPORT_ROLES } from "@/lib/drilldown/export-tables";

/**
 * How far an entry reaches:
 * - public: no login and no personal data (or only what the visitor typed in themselves);
 * - commune: records of the user's own commune only; another commune's ids are not found;
 * - own: only the user's own records (their household, registrations, visits, account);
 * - aggregates: counts and rates only, never a person.
 */
export type Scope = "public" | "commune" | "own" | "aggregates";

/** Who may use an entry: anyone (no login), any signed-in user, or the listed roles only. */
export type Who = "anyone" | "signedIn" | readonly Role[];

/** The kind of record a dynamic segment or an id field names (the tests know how to find one). */
export type RecordKind =
  | "household"
  | "member"
  | "campaign"
  | "visit"
  | "trainingEvent"
  | "registrationCode"
  | "user"
  | "erasureRequest"
  | "village"
  /** An import of a commune's list (lib/onboarding/batches.ts). */
  | "importBatch"
  /** A city-wide record (a city contest): every commune has it, each with its own results. */
  | "contest"
  /** Not a record: the name of a drill-down table (lib/drilldown/exports.ts EXPORT_TABLES). */
  | "exportTable";

/** Kinds of record that belong to the city, not to one commune: another commune's user opens them too. */
export const CITY_WIDE_KINDS: readonly RecordKind[] = ["contest"];

export type Permission = {
  who: Who;
  scope: Scope;
  /** Dynamic segments and the records they name. */
  params?: Readonly<Record<string, RecordKind>>;
  /** A query string the page needs to render at all (the tests append it), e.g. "action=revoke". */
  query?: string;
  /** Why, when the entry is not obvious (a narrower rule inside lib/, a redirect…). */
  note?: string;
};

/** The roles a portal area admits (requireArea() checks the same capability). */
export const area = (name: Area): readonly Role[] => rolesWith(AREA_CAPABILITY[name]);

const ANYONE = "anyone" as const;
const SIGNED_IN = "signedIn" as const;

// The narrower capabilities that lib/ enforces inside an area (the same table lib reads; the
// matrix test calls the lib through the actions and routes and checks it behaves so).
const REGISTRY_EDIT = rolesWith("registry:edit");
const BUSINESS_EDIT = rolesWith("business:edit");
const CAMPAIGN_MANAGE = rolesWith("campaign:manage");
const CAMPAIGN_FIELD = rolesWith("field:work");
const STAFF = rolesWith("figures:manage");

export const PAGES: Readonly<Record<string, Permission>> = {
  // Public: no session needed; nothing personal beyond what the visitor brings (a code, a phone).
  "/": { who: ANYONE, scope: "aggregates" },
  "/login": { who: ANYONE, scope: "public", note: "a signed-in user is sent to their home" },
  "/register": { who: ANYONE, scope: "public" },
  "/activate": { who: ANYONE, scope: "public", note: "an account the commune imported; a signed-in user is sent home" },
  "/privacy": { who: ANYONE, scope: "public" },
  "/progress": { who: ANYONE, scope: "aggregates" },
  "/schedule": { who: ANYONE, scope: "public" },
  "/schedule/[id]": { who: ANYONE, scope: "public", params: { id: "trainingEvent" } },
  "/schedule/cancel": { who: ANYONE, scope: "public" },
  "/schedule/registered/[code]": {
    who: ANYONE,
    scope: "own",
    params: { code: "registrationCode" },
    note: "the code is the secret: whoever holds it sees that one place",
  },

  "/home": { who: SIGNED_IN, scope: "own", note: "redirects to the role's home" },
  "/resident": { who: area("resident"), scope: "own" },
  "/resident/erasure": { who: area("resident"), scope: "own" },
  "/volunteer": { who: area("volunteer"), scope: "own", note: "the households assigned to this user" },
  "/volunteer/offline": {
    who: area("volunteer"),
    scope: "own",
    note: "renders from the phone's IndexedDB: the server sends nothing personal",
  },
  "/branch": { who: area("branch"), scope: "commune" },
  "/branch/adopt": { who: area("branch"), scope: "commune" },
  "/branch/assign": { who: area("branch"), scope: "commune" },
  "/official": { who: area("official"), scope: "commune" },
  "/official/figures": { who: area("official"), scope: "commune" },
  "/official/contests": { who: area("official"), scope: "commune", note: "the city's contests with this commune's totals" },
  "/official/contests/[id]": {
    who: area("official"),
    scope: "commune",
    params: { id: "contest" },
    note: "contests are the city's: any commune opens one and sees and enters only its own villages' results; an unknown id: 404",
  },
  "/official/villages": { who: area("official"), scope: "commune", note: "aggregates per village" },
  "/official/villages/[id]": {
    who: area("official"),
    scope: "commune",
    params: { id: "village" },
    note: "another commune's village or a guessed id: 404",
  },
  "/official/branches": { who: area("official"), scope: "commune", note: "aggregates per branch" },
  "/official/unvisited": { who: area("official"), scope: "commune", note: "?village= of another commune: 404" },
  "/official/report": { who: area("official"), scope: "commune", note: "aggregates of the commune, printable" },
  "/official/imports": { who: rolesWith("lists:import"), scope: "commune" },
  "/official/imports/[id]": {
    who: rolesWith("lists:import"),
    scope: "commune",
    params: { id: "importBatch" },
    note: "another commune's import or a guessed id: 404",
  },
  "/admin": { who: area("admin"), scope: "commune" },
  "/admin/audit": { who: area("admin"), scope: "commune" },
  "/admin/criteria": { who: area("admin"), scope: "commune" },
  "/admin/outbox": { who: area("admin"), scope: "commune" },
  "/admin/users": { who: area("admin"), scope: "commune" },
  "/admin/villages": { who: area("admin"), scope: "commune" },
  "/admin/users/[id]": {
    who: area("admin"),
    scope: "commune",
    params: { id: "user" },
    query: "action=revoke",
    note: "the confirmation step",
  },
  "/admin/erasure": { who: area("admin"), scope: "commune" },
  "/admin/erasure/[id]": {
    who: area("admin"),
    scope: "commune",
    params: { id: "erasureRequest" },
    note: "the confirmation step",
  },
  "/city": { who: area("city"), scope: "aggregates" },

  "/households": { who: area("households"), scope: "commune", note: "volunteers get the limited view" },
  "/households/new": { who: REGISTRY_EDIT, scope: "commune" },
  "/households/[id]": {
    who: area("households"),
    scope: "commune",
    params: { id: "household" },
    note: "volunteers see contact details only of households assigned to them",
  },
  "/households/[id]/edit": { who: REGISTRY_EDIT, scope: "commune", params: { id: "household" } },
  "/households/[id]/business": {
    who: BUSINESS_EDIT,
    scope: "commune",
    params: { id: "household" },
    note: "registers the household's business when it has none, edits it otherwise",
  },
  "/households/[id]/members/new": { who: REGISTRY_EDIT, scope: "commune", params: { id: "household" } },
  "/households/[id]/members/[memberId]/edit": {
    who: REGISTRY_EDIT,
    scope: "commune",
    params: { id: "household", memberId: "member" },
  },

  "/visits": { who: area("visits"), scope: "commune", note: "a volunteer lists their own visits" },
  "/visits/new": { who: area("visits"), scope: "commune" },
  "/visits/[id]": { who: area("visits"), scope: "commune", params: { id: "visit" } },
  "/visits/[id]/edit": {
    who: area("visits"),
    scope: "commune",
    params: { id: "visit" },
    note: "its recorder for 24 hours; a branch leader or admin at any time",
  },

  "/campaigns": { who: area("campaigns"), scope: "commune" },
  "/campaigns/new": { who: CAMPAIGN_MANAGE, scope: "commune" },
  "/campaigns/[id]": { who: area("campaigns"), scope: "commune", params: { id: "campaign" } },
  "/campaigns/[id]/edit": {
    who: CAMPAIGN_MANAGE,
    scope: "commune",
    params: { id: "campaign" },
    note: "a branch leader only for campaigns of their branch",
  },
  "/campaigns/[id]/print": { who: CAMPAIGN_MANAGE, scope: "commune", params: { id: "campaign" } },
  "/campaigns/[id]/my-list": {
    who: CAMPAIGN_FIELD,
    scope: "own",
    params: { id: "campaign" },
    note: "the walk list of the signed-in volunteer or leader, for a campaign of their branch",
  },

  "/training": { who: area("training"), scope: "commune" },
  "/training/new": { who: area("training"), scope: "commune" },
  "/training/topics": { who: area("training"), scope: "commune" },
  "/training/[id]": { who: area("training"), scope: "commune", params: { id: "trainingEvent" } },
  "/training/[id]/edit": { who: area("training"), scope: "commune", params: { id: "trainingEvent" } },
  "/training/[id]/check-in": { who: area("training"), scope: "commune", params: { id: "trainingEvent" } },
};

/**
 * Who may download each table of GET /api/exports/[table]: the roles holding the capability of the
 * screen it comes from (lib/drilldown/export-tables.ts); the matrix test calls every table as every role.
 */
export const EXPORT_TABLE_ROLES: Readonly<Record<string, readonly Role[]>> = EXPORT_ROLES;

/** Route handlers, as "METHOD /path" (route groups dropped). */
export const ROUTES: Readonly<Record<string, Permission>> = {
  "GET /api/health": { who: ANYONE, scope: "public", note: "the database's state, nothing else" },
  "GET /api/auth/[...nextauth]": { who: ANYONE, scope: "public", note: "next-auth's own endpoints" },
  "POST /api/auth/[...nextauth]": { who: ANYONE, scope: "public", note: "next-auth's own endpoints" },
  "GET /calendar.ics": { who: ANYONE, scope: "public" },
  "POST /api/sms/receipt": {
    who: ANYONE,
    scope: "public",
    note: "the SMS provider's delivery receipts: no session, its shared token (SMS_HTTP_RECEIPT_TOKEN) or 401; ends only the message with the provider's id",
  },
  "POST /api/zalo/events": {
    who: ANYONE,
    scope: "public",
    note: "Zalo's webhook (ZNS delivery events): no session, the OA secret key's signature (ZALO_OA_SECRET_KEY) or 401; ends only the message with Zalo's id",
  },
  "GET /schedule/[id]/ics": { who: ANYONE, scope: "public", params: { id: "trainingEvent" } },
  "GET /api/exports/[table]": {
    // Whoever may download at least one table.
    who: ROLES.filter((r) => Object.values(EXPORT_ROLES).some((roles) => roles.includes(r))),
    scope: "commune",
    params: { table: "exportTable" },
    note:
      "each table admits the roles of its screen (EXPORT_TABLE_ROLES below); the city's table holds aggregates only. " +
      "401 anonymous, 403 other roles, 404 unknown table or another commune's village, class or campaign; " +
      "personal-data exports audited; " +
      "a volunteer's visits file holds their own visits only",
  },
  "GET /api/volunteer/offline-pack": {
    who: rolesWith("field:work"),
    scope: "own",
    note: "the households assigned to the user and the stops of their walk lists; 401 anonymous, 403 other roles",
  },
  "GET /api/me/export": { who: rolesWith("self:resident"), scope: "own", note: "401 anonymous, 403 other roles" },
  "GET /official/report/docx": {
    who: rolesWith("indicators:read"),
    scope: "commune",
    note: "the monthly report of the user's commune as a Word file; 401 anonymous, 403 other roles",
  },
  "GET /official/imports/[id]/errors": {
    who: rolesWith("lists:import"),
    scope: "commune",
    params: { id: "importBatch" },
    note: "the uploaded list with a Lỗi column; 401 anonymous, 403 other roles, 404 another commune's or a saved import",
  },
};

/** Server actions, by file and exported name. */
export const ACTIONS: Readonly<Record<string, Readonly<Record<string, Permission>>>> = {
  "app/shell-actions.ts": {
    setLocaleAction: { who: ANYONE, scope: "public" },
    signOutAction: { who: ANYONE, scope: "own" },
  },
  "app/(public)/login/actions.ts": {
    signInAction: { who: ANYONE, scope: "public", note: "limited per account and per address" },
  },
  "app/(public)/register/actions.ts": {
    registerResidentAction: { who: ANYONE, scope: "public" },
  },
  "app/(public)/activate/actions.ts": {
    sendActivationCodeAction: {
      who: ANYONE,
      scope: "public",
      note: "rate-limited per address; the same answer whether the number names an account",
    },
    activateAccountAction: { who: ANYONE, scope: "public", note: "needs the code sent to the number; rate-limited per address" },
  },
  "app/(public)/schedule/actions.ts": {
    signUpForClassAction: { who: ANYONE, scope: "public", note: "rate-limited per address" },
    signUpMeAction: { who: rolesWith("self:resident"), scope: "own" },
    cancelRegistrationAction: { who: ANYONE, scope: "own", note: "needs the place's code and phone" },
  },
  "app/(portal)/admin/criteria/actions.ts": {
    addCriterionAction: { who: rolesWith("commune:administer"), scope: "commune" },
    updateCriterionAction: { who: rolesWith("commune:administer"), scope: "commune" },
    removeCriterionAction: { who: rolesWith("commune:administer"), scope: "commune" },
    setSkillActiveAction: { who: rolesWith("commune:administer"), scope: "commune" },
    addSkillAction: { who: rolesWith("commune:administer"), scope: "commune" },
  },
  "app/(portal)/admin/villages/actions.ts": {
    addVillageAliasAction: { who: rolesWith("commune:administer"), scope: "commune" },
    removeVillageAliasAction: { who: rolesWith("commune:administer"), scope: "commune" },
  },
  "app/(portal)/admin/users/actions.ts": {
    manageUserAction: {
      who: rolesWith("commune:administer"),
      scope: "commune",
      note: "acting on oneself needs a ticked confirmation",
    },
    verifyPhoneInPersonAction: {
      who: rolesWith("commune:administer"),
      scope: "commune",
      note: "a resident or volunteer still proving their number; audited",
    },
  },
  "app/(portal)/admin/erasure/actions.ts": {
    carryOutErasureAction: { who: rolesWith("commune:administer"), scope: "commune" },
    rejectErasureAction: {
      who: rolesWith("commune:administer"),
      scope: "commune",
      note: "a pending request only, with a reason the resident reads",
    },
  },
  "app/(portal)/households/[id]/members/[memberId]/edit/consent-actions.ts": {
    withdrawMemberConsentAction: { who: REGISTRY_EDIT, scope: "commune", note: "a member's consent, on their behalf" },
  },
  "app/(portal)/resident/actions.ts": {
    withdrawMyConsentAction: { who: rolesWith("self:resident"), scope: "own" },
    requestErasureAction: { who: rolesWith("self:resident"), scope: "own" },
    verifyMyPhoneAction: { who: rolesWith("self:resident"), scope: "own", note: "a few tries per code" },
    sendMyPhoneCodeAction: { who: rolesWith("self:resident"), scope: "own", note: "limited per account and per number" },
    setMyRemindersAction: { who: rolesWith("self:resident"), scope: "own", note: "their proven number only" },
  },
  "app/(portal)/branch/actions.ts": {
    setBranchTargetAction: { who: rolesWith("branch:target"), scope: "commune", note: "a leader only their own branch" },
    adoptAction: { who: rolesWith("branch:lead"), scope: "commune" },
    releaseAction: { who: rolesWith("branch:lead"), scope: "commune", note: "only families their branch adopted" },
    assignAction: { who: rolesWith("branch:lead"), scope: "commune" },
    reassignAction: { who: rolesWith("branch:lead"), scope: "commune" },
    unassignAction: { who: rolesWith("branch:lead"), scope: "commune" },
  },
  "app/(portal)/campaigns/actions.ts": {
    createCampaignAction: { who: CAMPAIGN_MANAGE, scope: "commune" },
    updateCampaignAction: { who: CAMPAIGN_MANAGE, scope: "commune", note: "a branch leader only their branch's" },
    buildWalkListsAction: { who: CAMPAIGN_MANAGE, scope: "commune" },
    startShiftAction: { who: CAMPAIGN_FIELD, scope: "own" },
    finishShiftAction: { who: CAMPAIGN_FIELD, scope: "own" },
  },
  "app/(portal)/households/actions.ts": {
    createHouseholdAction: { who: REGISTRY_EDIT, scope: "commune" },
    updateHouseholdAction: { who: REGISTRY_EDIT, scope: "commune" },
    addMemberAction: { who: REGISTRY_EDIT, scope: "commune" },
    updateMemberAction: { who: REGISTRY_EDIT, scope: "commune" },
    removeMemberAction: { who: REGISTRY_EDIT, scope: "commune" },
    registerBusinessAction: {
      who: BUSINESS_EDIT,
      scope: "commune",
      note: "a household without a business; a retry is done once",
    },
    updateBusinessAction: {
      who: BUSINESS_EDIT,
      scope: "commune",
      note: "skills a visit recorded stay: correcting the visit takes them back",
    },
  },
  "app/(portal)/official/imports/actions.ts": {
    stageImportAction: { who: rolesWith("lists:import"), scope: "commune", note: "reads and keeps the file; saves nothing" },
    confirmMappingAction: { who: rolesWith("lists:import"), scope: "commune", note: "another commune's import: 404" },
    saveImportAction: { who: rolesWith("lists:import"), scope: "commune", note: "queues the save job once" },
    undoImportAction: { who: rolesWith("lists:import"), scope: "commune", note: "within 7 days, if nothing was recorded since" },
    dropImportAction: { who: rolesWith("lists:import"), scope: "commune" },
  },
  "app/(portal)/official/figures/actions.ts": {
    saveFigureAction: { who: STAFF, scope: "commune" },
    importFiguresAction: { who: STAFF, scope: "commune", note: "all rows or none" },
  },
  "app/(portal)/official/contests/actions.ts": {
    saveContestResultsAction: { who: STAFF, scope: "commune", note: "only villages of the user's commune" },
    importContestResultsAction: {
      who: STAFF,
      scope: "commune",
      note: "all rows or none; villages matched in the user's commune",
    },
  },
  "app/(portal)/training/actions.ts": {
    createEventAction: { who: area("training"), scope: "commune" },
    updateEventAction: { who: area("training"), scope: "commune" },
    cancelEventAction: { who: area("training"), scope: "commune" },
    repeatEventAction: { who: area("training"), scope: "commune" },
    addTopicAction: { who: area("training"), scope: "commune" },
    checkInCodeAction: { who: area("training"), scope: "commune" },
    checkInRegistrationAction: { who: area("training"), scope: "commune" },
    searchRegistrationsAction: { who: area("training"), scope: "commune" },
    walkInAction: { who: area("training"), scope: "commune" },
  },
  "app/(portal)/visits/actions.ts": {
    recordVisitAction: { who: area("visits"), scope: "commune" },
    sendQueuedVisitsAction: {
      who: area("visits"),
      scope: "commune",
      note: "visits kept on the phone, sent in batches only under the session of the user who recorded them (else 'signedOut')",
    },
    updateVisitAction: {
      who: area("visits"),
      scope: "own",
      note: "its recorder for 24 hours; a branch leader (of any branch) or admin of the commune at any time",
    },
  },
};

/** Whether `role` (null: an anonymous visitor) is one `who` admits. */
export function admits(who: Who, role: Role | null): boolean {
  if (who === "anyone") return true;
  if (role === null) return false;
  if (who === "signedIn") return true;
  return who.includes(role);
}

/** The page entry for a URL pattern, or undefined (deny by default). */
export function pagePermission(pattern: string): Permission | undefined {
  return PAGES[pattern];
}

// The program's built-in digital skills and the default digital-family criteria that every commune
// starts with. A commune may add its own skills and change its criteria afterwards (admin area).
import type { DbClient } from "@/lib/db";
import type { CriterionLevel, CriterionRule, Prisma, SkillScope } from "@/lib/generated/prisma/client";

export type BuiltinSkill = {
  key: string;
  scope: SkillScope;
  nameVi: string;
  nameEn: string;
  sortOrder: number;
};

export const BUILTIN_SKILLS = [
  // Per member (nhân khẩu).
  { key: "vneid_l2", scope: "member", nameVi: "Định danh điện tử VNeID mức 2", nameEn: "VNeID level-2 e-ID", sortOrder: 10 },
  {
    key: "smart_hp",
    scope: "member",
    nameVi: "Cài và đăng nhập Smart Hải Phòng",
    nameEn: "Smart Hải Phòng installed and signed in",
    sortOrder: 20,
  },
  {
    key: "online_service",
    scope: "member",
    nameVi: "Đã nộp hồ sơ dịch vụ công trực tuyến",
    nameEn: "Filed an online public-service application",
    sortOrder: 30,
  },
  { key: "cashless", scope: "member", nameVi: "Thanh toán không dùng tiền mặt", nameEn: "Pays cashless", sortOrder: 40 },
  {
    key: "safety_briefing",
    scope: "member",
    nameVi: "Được phổ biến an toàn trên mạng",
    nameEn: "Had the online-safety briefing",
    sortOrder: 50,
  },
  { key: "ai_basics", scope: "member", nameVi: "Sử dụng AI cơ bản", nameEn: "Basic AI use", sortOrder: 60 },
  // Per household business (hộ kinh doanh).
  {
    key: "biz_online_selling",
    scope: "business",
    nameVi: "Bán hàng trên mạng xã hội, sàn thương mại điện tử",
    nameEn: "Sells online (social media, e-commerce)",
    sortOrder: 110,
  },
  {
    key: "biz_cashless",
    scope: "business",
    nameVi: "Nhận thanh toán không dùng tiền mặt",
    nameEn: "Takes cashless payment",
    sortOrder: 120,
  },
  {
    key: "biz_software",
    scope: "business",
    nameVi: "Dùng phần mềm quản lý bán hàng hoặc kế toán",
    nameEn: "Uses sales or accounting software",
    sortOrder: 130,
  },
  { key: "biz_einvoice", scope: "business", nameVi: "Xuất hoá đơn điện tử", nameEn: "Issues e-invoices", sortOrder: 140 },
] as const satisfies readonly BuiltinSkill[];

export type BuiltinSkillKey = (typeof BUILTIN_SKILLS)[number]["key"];

export const MEMBER_SKILL_KEYS = BUILTIN_SKILLS.filter((s) => s.scope === "member").map((s) => s.key);
export const BUSINESS_SKILL_KEYS = BUILTIN_SKILLS.filter((s) => s.scope === "business").map((s) => s.key);

export type DefaultCriterion = {
  skillKey: BuiltinSkillKey;
  level: CriterionLevel;
  rule: CriterionRule;
  sortOrder: number;
};

// Digital family: every adult has a level-2 e-ID, and someone in the household can use Smart Hải
// Phòng, file online and pay cashless for the family. Smart digital family: in addition, every
// adult has been briefed on online fraud, data theft and fake news, and someone uses AI.
export const DEFAULT_CRITERIA = [
  { skillKey: "vneid_l2", level: "digital", rule: "all_adults", sortOrder: 10 },
  { skillKey: "smart_hp", level: "digital", rule: "any_adult", sortOrder: 20 },
  { skillKey: "online_service", level: "digital", rule: "any_adult", sortOrder: 30 },
  { skillKey: "cashless", level: "digital", rule: "any_adult", sortOrder: 40 },
  { skillKey: "safety_briefing", level: "smart", rule: "all_adults", sortOrder: 50 },
  { skillKey: "ai_basics", level: "smart", rule: "any_adult", sortOrder: 60 },
] as const satisfies readonly DefaultCriterion[];

/**
 * The commune's first list of class topics (it can add its own). Attending a class on a topic
 * with a skill gives the attendee that skill (issue: attendance feeds the program).
 */
export const BUILTIN_TRAINING_TOPICS = [
  { key: "vneid", nameVi: "Định danh điện tử VNeID", nameEn: "VNeID e-ID", skillKey: null, sortOrder: 10 },
  { key: "online_services", nameVi: "Dịch vụ công trực tuyến", nameEn: "Online public services", skillKey: null, sortOrder: 20 },
  { key: "cashless", nameVi: "Thanh toán không dùng tiền mặt", nameEn: "Cashless payment", skillKey: null, sortOrder: 30 },
  { key: "online_safety", nameVi: "An toàn trên mạng", nameEn: "Online safety", skillKey: "safety_briefing", sortOrder: 40 },
  { key: "ai", nameVi: "AI trong đời sống", nameEn: "AI in daily life", skillKey: "ai_basics", sortOrder: 50 },
  { key: "digital_platforms", nameVi: "Nền tảng số", nameEn: "Digital platforms", skillKey: null, sortOrder: 60 },
  { key: "online_selling", nameVi: "Bán hàng trực tuyến", nameEn: "Selling online", skillKey: null, sortOrder: 70 },
  { key: "other", nameVi: "Chủ đề khác", nameEn: "Other topics", skillKey: null, sortOrder: 90 },
] as const;

/**
 * Makes sure a commune has the built-in skills and, if it has no criteria yet, the default
 * criteria. Safe to run again: built-in skills keep their names and scope up to date (the commune's
 * own `active` and `sortOrder` choices are left alone), and criteria an admin has configured are
 * never overwritten or re-added.
 */
export async function ensureCommuneDefaults(tx: DbClient, communeId: number): Promise<void> {
  // The calls below touch no omitted field, so every client shape behaves the same here.
  const db = tx as unknown as Prisma.TransactionClient;
  const skillIds = new Map<string, number>();
  for (const s of BUILTIN_SKILLS) {
    const row = await db.skill.upsert({
      where: { communeId_key: { communeId, key: s.key } },
      create: {
        communeId,
        key: s.key,
        scope: s.scope,
        nameVi: s.nameVi,
        nameEn: s.nameEn,
        builtin: true,
        sortOrder: s.sortOrder,
      },
      update: { scope: s.scope, nameVi: s.nameVi, nameEn: s.nameEn, builtin: true },
      select: { id: true },
    });
    skillIds.set(s.key, row.id);
  }
  for (const t of BUILTIN_TRAINING_TOPICS) {
    await db.trainingTopic.upsert({
      where: { communeId_key: { communeId, key: t.key } },
      create: {
        communeId,
        key: t.key,
        nameVi: t.nameVi,
        nameEn: t.nameEn,
        skillId: t.skillKey ? skillIds.get(t.skillKey) : null,
        sortOrder: t.sortOrder,
      },
      update: {},
      select: { id: true },
    });
  }
  const existing = await db.familyCriterion.count({ where: { communeId } });
  if (existing > 0) return;
  await db.familyCriterion.createMany({
    data: DEFAULT_CRITERIA.map((c) => ({
      communeId,
      skillId: skillIds.get(c.skillKey)!,
      level: c.level,
      rule: c.rule,
      sortOrder: c.sortOrder,
    })),
    skipDuplicates: true,
  });
}

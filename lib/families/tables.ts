// The digital-family criteria as their screen and file show them: see lib/exports/definition.ts.
import { defineTable, localName } from "@/lib/exports/definition";
import { getCriteriaSettings } from "@/lib/families/criteria";

type CriterionRow = Awaited<ReturnType<typeof getCriteriaSettings>>["criteria"][number];

export const criteriaTable = defineTable<CriterionRow>({
  name: "criteria",
  sheet: "criteria.sheet",
  columns: [
    { key: "level", label: "level", kind: "text", value: (r, c) => c.labels.tr(`families.criteria.level.${r.level}`) },
    { key: "skill", label: "skill", kind: "text", value: (r, c) => localName(r.skill, c.labels) },
    { key: "skillKey", label: "skillKey", kind: "text", value: (r) => r.skill.key },
    { key: "rule", label: "rule", kind: "text", value: (r, c) => c.labels.tr(`families.criteria.rule.${r.rule}`) },
    { key: "skillActive", label: "skillActive", kind: "text", value: (r, c) => c.labels.t(r.skill.active ? "yes" : "no") },
  ],
  list: async ({ user }) => ({ rows: (await getCriteriaSettings(user)).criteria, fileBase: "tieu-chi-gia-dinh-so" }),
});

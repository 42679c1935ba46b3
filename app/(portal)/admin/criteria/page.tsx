import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { InlineActionForm } from "@/components/families/inline-action-form";
import { Notice } from "@/components/families/notice";
import { SkillForm } from "@/components/families/skill-form";
import { TargetForm } from "@/components/families/target-form";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { Table } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import { listBranchTargets } from "@/lib/branches/queries";
import { getCriteriaSettings } from "@/lib/families/criteria";
import { criteriaTable } from "@/lib/families/tables";
import { CRITERION_LEVELS, CRITERION_RULES } from "@/lib/families/schemas";
import { FAMILY_STATUS_ORDER } from "@/lib/families/status";
import { setBranchTargetAction } from "../../branch/actions";
import {
  addCriterionAction,
  addSkillAction,
  removeCriterionAction,
  setSkillActiveAction,
  updateCriterionAction,
} from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("families.criteria"))("title") };
}

const SELECT = "min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2";

function Select({
  id,
  name,
  label,
  options,
  value,
}: {
  id: string;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} required className={SELECT}>
        {value === undefined ? <option value="" disabled /> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default async function CriteriaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [t, tStatus, format, locale, settings, branches] = await Promise.all([
    getTranslations("families.criteria"),
    getTranslations("familyStatus"),
    getFormatter(),
    getLocale(),
    getCriteriaSettings(user),
    listBranchTargets(user),
  ]);
  const skillName = (s: { nameVi: string; nameEn: string }) => (locale === "en" ? s.nameEn : s.nameVi);
  const levels = CRITERION_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }));
  const rules = CRITERION_RULES.map((r) => ({ value: r, label: t(`rule.${r}`) }));
  const changed = Number(sp.changed);
  const notice =
    sp.notice === "criteriaSaved"
      ? t("saved", { count: Number.isFinite(changed) ? changed : 0 })
      : sp.notice === "skillAdded"
        ? t("skillAdded")
        : sp.notice === "targetSaved"
          ? t("targetSaved")
          : null;
  const activeSkills = settings.skills.filter((s) => s.active);

  return (
    <ClientMessages of={["InlineActionForm", "SkillForm", "TargetForm"]}>
      <div className="flex flex-col gap-4">
        <PageHeader title={t("title")} intro={t("intro")} />
        <div>
          <ButtonLink href="/admin" variant="ghost">
            {t("back")}
          </ButtonLink>
        </div>
        <Notice text={notice} />
        {settings.criteria.length > 0 ? <ExportLinks table="criteria" params={{}} /> : null}
        <p className="text-sm text-slate-700">
          {t("familiesNow")}{" "}
          {FAMILY_STATUS_ORDER.map((s) => `${tStatus(s)}: ${format.number(settings.familiesByStatus[s] ?? 0)}`).join(" · ")}
        </p>

        {CRITERION_LEVELS.map((level) => {
          const rows = settings.criteria.filter((c) => c.level === level);
          return (
            <Card key={level} title={t(`levelTitle.${level}`)}>
              <p className="mb-3 text-sm text-slate-600">{t(`levelHelp.${level}`)}</p>
              {rows.length === 0 ? (
                <EmptyState>{t("levelEmpty")}</EmptyState>
              ) : (
                <DefinedTable
                  table={criteriaTable}
                  caption={t(`levelTitle.${level}`)}
                  rows={rows}
                  rowKey={(r) => r.id}
                  columns={[
                    {
                      key: "skill",
                      cell: (r) => (
                        <>
                          <span className="font-medium">{skillName(r.skill)}</span>
                          {!r.skill.active ? (
                            <span className="block text-sm text-amber-800">{t("skillInactiveIgnored")}</span>
                          ) : null}
                        </>
                      ),
                    },
                    {
                      own: true,
                      key: "change",
                      header: t("change"),
                      cell: (r) => (
                        <InlineActionForm action={updateCriterionAction} hidden={{ id: r.id }} submitLabel={t("save")}>
                          <Select
                            id={`level-${r.id}`}
                            name="level"
                            label={t("levelFor", { skill: skillName(r.skill) })}
                            options={levels}
                            value={r.level}
                          />
                          <Select
                            id={`rule-${r.id}`}
                            name="rule"
                            label={t("ruleFor", { skill: skillName(r.skill) })}
                            options={rules}
                            value={r.rule}
                          />
                        </InlineActionForm>
                      ),
                    },
                    {
                      own: true,
                      key: "remove",
                      header: <span className="sr-only">{t("remove")}</span>,
                      cell: (r) => (
                        <InlineActionForm
                          action={removeCriterionAction}
                          hidden={{ id: r.id }}
                          submitLabel={t("remove")}
                          confirmPrompt={t("removeConfirm", { skill: skillName(r.skill) })}
                        />
                      ),
                    },
                  ]}
                />
              )}
            </Card>
          );
        })}

        <Card title={t("addTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("addHelp")}</p>
          <InlineActionForm action={addCriterionAction} hidden={{}} submitLabel={t("add")}>
            <Select
              id="new-skill"
              name="skillId"
              label={t("skill")}
              options={activeSkills.map((s) => ({ value: String(s.id), label: skillName(s) }))}
            />
            <Select id="new-level" name="level" label={t("levelLabel")} options={levels} value="digital" />
            <Select id="new-rule" name="rule" label={t("ruleLabel")} options={rules} value="all_adults" />
          </InlineActionForm>
        </Card>

        <Card title={t("skillsTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("skillsHelp")}</p>
          <Table
            caption={t("skillsTitle")}
            rows={settings.skills}
            rowKey={(r) => r.id}
            columns={[
              {
                key: "name",
                header: t("skill"),
                cell: (r) => (
                  <>
                    <span className="font-medium">{skillName(r)}</span>
                    <span className="block font-mono text-xs text-slate-600">{r.key}</span>
                  </>
                ),
              },
              { key: "origin", header: t("origin"), cell: (r) => (r.builtin ? t("builtin") : t("own")) },
              { key: "state", header: t("state"), cell: (r) => (r.active ? t("active") : t("inactive")) },
              {
                key: "toggle",
                header: <span className="sr-only">{t("toggle")}</span>,
                cell: (r) =>
                  r.active ? (
                    <InlineActionForm
                      action={setSkillActiveAction}
                      hidden={{ skillId: r.id, active: "false" }}
                      submitLabel={t("deactivate")}
                      confirmPrompt={t("deactivateConfirm", { skill: skillName(r) })}
                    />
                  ) : (
                    <InlineActionForm
                      action={setSkillActiveAction}
                      hidden={{ skillId: r.id, active: "true" }}
                      submitLabel={t("activate")}
                    />
                  ),
              },
            ]}
          />
          <h3 className="mt-6 mb-2 font-semibold">{t("addSkillTitle")}</h3>
          <SkillForm action={addSkillAction} />
        </Card>

        <Card title={t("targetsTitle")}>
          {branches.length === 0 ? (
            <EmptyState>{t("targetsEmpty")}</EmptyState>
          ) : (
            <ul className="flex flex-col gap-4">
              {branches.map((b) => (
                <li key={b.id} className="border-b border-slate-100 pb-3 last:border-0">
                  <p className="mb-1 text-sm text-slate-700">
                    {t("branchAdopted", { branch: b.name, adopted: b.adopted, target: b.targetFamilies })}
                  </p>
                  <TargetForm
                    action={setBranchTargetAction}
                    branchId={b.id}
                    branchName={b.name}
                    version={b.version}
                    target={b.targetFamilies}
                    back="/admin/criteria"
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}

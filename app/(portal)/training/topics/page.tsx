import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { TopicForm } from "@/components/training/topic-form";
import { Card, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { trainingTopicsTable } from "@/lib/training/tables";
import { listTopics } from "@/lib/training/topics";
import { addTopicAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trainingTopics"))("title") };
}

export default async function TopicsPage() {
  const user = await requireArea("training");
  const [t, tl, locale, { topics, skills }] = await Promise.all([
    getTranslations("trainingTopics"),
    getTranslations("training"),
    getLocale(),
    listTopics(user),
  ]);
  const name = (x: { nameVi: string; nameEn: string }) => (locale === "vi" ? x.nameVi : x.nameEn);
  type Row = (typeof topics)[number];
  return (
    <ClientMessages of={["TopicForm"]}>
      <div className="flex flex-col gap-4">
        <Link href="/training" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {tl("back")}
        </Link>
        <PageHeader title={t("title")} intro={t("intro")} />
        <Card>
          {topics.length > 0 ? (
            <div className="mb-3">
              <ExportLinks table="training-topics" params={{}} />
            </div>
          ) : null}
          <DefinedTable<Row>
            table={trainingTopicsTable}
            caption={t("caption")}
            rowKey={(r) => r.id}
            rows={topics}
            columns={[
              { key: "nameVi", cell: (r) => r.nameVi + (r.active ? "" : ` (${t("inactive")})`) },
              "nameEn",
              { key: "skill", cell: (r) => (r.skill ? name(r.skill) : t("noSkill")) },
            ]}
          />
        </Card>
        <Card title={t("add")}>
          <TopicForm action={addTopicAction} skills={skills.map((s) => ({ id: s.id, name: name(s) }))} />
        </Card>
      </div>
    </ClientMessages>
  );
}

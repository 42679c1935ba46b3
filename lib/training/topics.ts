// The commune's class topics: the built-in list (lib/families/defaults.ts) plus its own.
import { z } from "zod";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { plainText } from "@/lib/validation/text";
import { dbId } from "@/lib/validation/db-id";
import { parseFields, Refusal } from "@/lib/validation/refusal";
import { withoutToneMarks } from "@/lib/format/names";

export const TopicSchema = z.object({
  nameVi: plainText({ message: "required" }).min(2, "required").max(120, "nameLong"),
  nameEn: plainText({ message: "required" }).min(2, "required").max(120, "nameLong"),
  skillId: z.preprocess((v) => (v === "" || v == null ? undefined : v), dbId("skillInvalid").optional()),
});
export type TopicField = keyof z.output<typeof TopicSchema>;

function slug(s: string): string {
  return (
    withoutToneMarks(s)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "")
      .slice(0, 40) || "topic"
  );
}

export async function listTopics(user: CurrentUser) {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const [topics, skills] = await Promise.all([
    db.trainingTopic.findMany({
      where: { communeId },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: {
        id: true,
        key: true,
        nameVi: true,
        nameEn: true,
        active: true,
        skill: { select: { nameVi: true, nameEn: true } },
      },
    }),
    db.skill.findMany({
      where: { communeId, scope: "member", active: true },
      orderBy: { sortOrder: "asc" },
      select: { id: true, nameVi: true, nameEn: true },
    }),
  ]);
  return { topics, skills };
}

/** Adds a topic (with the member skill attending gives, if any). Refusals are keys in `trainingErrors`. */
export async function addTopic(user: CurrentUser, input: Record<string, unknown>): Promise<{ id: number }> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const { nameVi, nameEn, skillId } = parseFields(TopicSchema, input);
  if (skillId) {
    const skill = await db.skill.findFirst({ where: { id: skillId, communeId, scope: "member" }, select: { id: true } });
    if (!skill) throw new Refusal("skillId", "skillInvalid");
  }
  const id = await db.$transaction(async (tx) => {
    const base = slug(nameEn);
    let key = base;
    for (let i = 2; await tx.trainingTopic.findUnique({ where: { communeId_key: { communeId, key } } }); i++)
      key = `${base}_${i}`;
    const max = await tx.trainingTopic.aggregate({ where: { communeId }, _max: { sortOrder: true } });
    const t = await tx.trainingTopic.create({
      data: { communeId, key, nameVi, nameEn, skillId: skillId ?? null, sortOrder: (max._max.sortOrder ?? 0) + 10 },
      select: { id: true },
    });
    await audit(tx, user, "training_topic.create", "training_topic", t.id, { key });
    return t.id;
  });
  return { id };
}

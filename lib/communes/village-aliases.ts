// The names villages went by before the 2025 reorganisation. Lists made before it (the police's
// population data, the previous program's sheets) still name the old commune and village; the
// admin records each old name once, and an imported list lands in the current village
// (`villageMatcher`). One row per old name in a commune; names compare without diacritics, case,
// or the words "thôn", "xóm", "tổ dân phố"… ("Thôn Đông" and "dong" are the same village).
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { requireCan } from "@/lib/auth/capabilities";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { db, type DbClient } from "@/lib/db";
import { foldName } from "@/lib/imports/text";
import { dbId } from "@/lib/validation/db-id";
import { Refusal } from "@/lib/validation/refusal";
import { plainText } from "@/lib/validation/text";

const NAME_MAX = 100;

/** Words that name the kind of place, not the place: dropped before names are compared. */
const VILLAGE_WORDS = /^(thon|xom|to dan pho|tdp|ap|khu pho|khu|to|ban|lang|doi)\s+/;
const COMMUNE_WORDS = /^(xa|phuong|thi tran|tt|dac khu)\s+/;

/** A village's name as names are compared: "Thôn  Đông Hải" → "dong hai". */
export function villageKey(name: string): string {
  return foldName(name).replace(VILLAGE_WORDS, "");
}

/** A commune's name as names are compared: "Xã Ngọc Sơn" → "ngoc son". */
export function communeKey(name: string): string {
  return foldName(name).replace(COMMUNE_WORDS, "");
}

/** The stored key of an old name: the old commune (maybe empty) and the old village. */
function aliasKey(oldCommune: string, oldVillage: string): string {
  return `${communeKey(oldCommune)}|${villageKey(oldVillage)}`;
}

export const VillageAliasSchema = z.object({
  villageId: dbId("villageInvalid"),
  oldCommune: plainText().max(NAME_MAX, "nameLong"),
  oldVillage: plainText().min(1, "oldVillageRequired").max(NAME_MAX, "nameLong"),
});
export type VillageAliasInput = z.infer<typeof VillageAliasSchema>;
export type VillageAliasField = keyof VillageAliasInput;

export const VillageAliasRemoveSchema = z.object({ aliasId: dbId("aliasInvalid") });

export type VillageWithAliases = {
  id: number;
  name: string;
  aliases: { id: number; oldCommune: string; oldVillage: string }[];
};

/** The commune's villages, in Vietnamese order, each with its old names (the admin's page). */
export async function listVillageAliases(user: CurrentUser): Promise<VillageWithAliases[]> {
  requireCan(user, "commune:administer");
  return db.village.findMany({
    where: { communeId: communeOf(user) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      aliases: { select: { id: true, oldCommune: true, oldVillage: true }, orderBy: { id: "asc" } },
    },
  });
}

/**
 * Records an old name of one of the commune's villages. Refused beside the field: a village not
 * of the commune, an old name already recorded (for this or another village), or one that already
 * is a current village's name with no old commune to tell them apart.
 */
export async function addVillageAlias(user: CurrentUser, input: VillageAliasInput): Promise<{ aliasId: number }> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const folded = aliasKey(input.oldCommune, input.oldVillage);
  return db.$transaction(async (tx) => {
    const villages = await tx.village.findMany({ where: { communeId }, select: { id: true, name: true } });
    if (!villages.some((v) => v.id === input.villageId)) throw new Refusal("villageId", "villageInvalid");
    if (communeKey(input.oldCommune) === "" && villages.some((v) => villageKey(v.name) === villageKey(input.oldVillage)))
      throw new Refusal("oldVillage", "aliasIsCurrent");
    const taken = await tx.villageAlias.findUnique({ where: { communeId_folded: { communeId, folded } } });
    if (taken) throw new Refusal("oldVillage", "aliasTaken");
    const alias = await tx.villageAlias.create({
      data: { communeId, villageId: input.villageId, oldCommune: input.oldCommune, oldVillage: input.oldVillage, folded },
    });
    await audit(tx, user, "village_alias.create", "VillageAlias", alias.id, { villageId: input.villageId });
    return { aliasId: alias.id };
  });
}

/** Removes an old name (404 for one of another commune). */
export async function removeVillageAlias(user: CurrentUser, aliasId: number): Promise<void> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  await db.$transaction(async (tx) => {
    const removed = await tx.villageAlias.deleteMany({ where: { id: aliasId, communeId } });
    if (removed.count === 0) throw new Refusal(null, "aliasInvalid");
    await audit(tx, user, "village_alias.delete", "VillageAlias", aliasId);
  });
}

/**
 * For an import: finds the current village a list's row names, by its village and (if the list
 * has one) its old commune. An old name recorded with that commune wins, then one recorded with
 * no commune, then a current village of that name. The commune's own current name counts as no
 * old commune. Loads the commune's villages and old names once (dozens of rows), then answers
 * each row from memory. null: no village of that name; the import lists the row as a problem.
 */
export async function villageMatcher(
  client: DbClient,
  communeId: number,
): Promise<(village: string, oldCommune?: string) => number | null> {
  const [commune, villages, aliases] = await Promise.all([
    client.commune.findUniqueOrThrow({ where: { id: communeId }, select: { name: true } }),
    client.village.findMany({ where: { communeId }, select: { id: true, name: true } }),
    client.villageAlias.findMany({ where: { communeId }, select: { villageId: true, folded: true } }),
  ]);
  const current = new Map(villages.map((v) => [villageKey(v.name), v.id]));
  const old = new Map(aliases.map((a) => [a.folded, a.villageId]));
  const own = communeKey(commune.name);
  return (village, oldCommune = "") => {
    const place = communeKey(oldCommune) === own ? "" : oldCommune;
    return old.get(aliasKey(place, village)) ?? old.get(aliasKey("", village)) ?? current.get(villageKey(village)) ?? null;
  };
}

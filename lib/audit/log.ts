import type { CurrentUser } from "@/lib/auth/user";
import type { DbClient } from "@/lib/families/defaults";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Records who did what to which record (Law 91/2025: log who read or changed personal data).
 * Call it inside the same transaction as the write it records.
 */
export async function audit(
  tx: DbClient,
  user: CurrentUser,
  action: string,
  entity: string,
  entityId: string | number | null,
  details?: Prisma.InputJsonValue,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      communeId: user.communeId,
      actorId: user.id,
      action,
      entity,
      entityId: entityId === null ? null : String(entityId),
      details,
    },
  });
}

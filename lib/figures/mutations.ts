import { communeOf, requireRole, type CurrentUser } from "@/lib/auth/user";
import { audit, changes } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { FIGURE_ROLES } from "@/lib/figures/queries";
import { FigureSchema, monthStart, type FigureField } from "@/lib/figures/schemas";
import { fieldErrorsOf } from "@/lib/validation/form-state";

export type SaveFigureResult =
  | { ok: true; id: number; month: string }
  | { ok: false; fieldErrors?: Partial<Record<FigureField, string>>; formError?: "formHasErrors" | "stale" | "monthExists" };

class Refusal extends Error {
  constructor(readonly key: "stale" | "monthExists") {
    super(key);
  }
}

/**
 * Enters a month's administrative figures, or corrects them. Correcting needs the version that was
 * read: a stale one is refused, and entering a month that already has figures without it too.
 */
export async function saveFigure(user: CurrentUser, input: Record<string, unknown>): Promise<SaveFigureResult> {
  requireRole(user, FIGURE_ROLES);
  const communeId = communeOf(user);
  const parsed = FigureSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<FigureField>(parsed.error), formError: "formHasErrors" };
  const v = parsed.data;
  const month = monthStart(v.month);
  const data = {
    applicationsTotal: v.applicationsTotal,
    applicationsOnline: v.applicationsOnline,
    recordsDigitised: v.recordsDigitised,
  };
  try {
    const id = await db.$transaction(async (tx) => {
      const existing = await tx.adminFigure.findUnique({ where: { communeId_month: { communeId, month } } });
      if (!existing) {
        if (v.version !== null) throw new Refusal("stale");
        const created = await tx.adminFigure.create({ data: { communeId, month, ...data } });
        await audit(
          tx,
          user,
          "figure.create",
          "AdminFigure",
          created.id,
          { month: v.month },
          { after: { month: v.month, ...data } },
        );
        return created.id;
      }
      if (v.version === null) throw new Refusal("monthExists");
      const { count } = await tx.adminFigure.updateMany({
        where: { id: existing.id, communeId, version: v.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count !== 1) throw new Refusal("stale");
      const { changed, ...diff } = changes(existing, data, ["applicationsTotal", "applicationsOnline", "recordsDigitised"]);
      await audit(tx, user, "figure.update", "AdminFigure", existing.id, { month: v.month, changed }, diff);
      return existing.id;
    });
    return { ok: true, id, month: v.month };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, formError: err.key };
    // Two people entering the same new month at once: the second meets the unique key.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
      return { ok: false, formError: "monthExists" };
    throw err;
  }
}

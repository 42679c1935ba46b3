import { getTranslations } from "next-intl/server";
import type { PublicClass } from "@/lib/training/schedule";

/** A class's seats in one wording wherever residents see it: "Còn 5 chỗ / 30", or full with the waiting list. */
export async function SeatStatus({ c }: { c: Pick<PublicClass, "seatsLeft" | "capacity" | "waiting"> }) {
  const t = await getTranslations("schedule");
  return c.seatsLeft > 0 ? (
    <span className="text-green-800">{t("seatsLeft", { left: c.seatsLeft, capacity: c.capacity })}</span>
  ) : (
    <span className="text-amber-800">
      {t("full")}
      {c.waiting > 0 ? ` · ${t("waiting", { count: c.waiting })}` : null}
    </span>
  );
}

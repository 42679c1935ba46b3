import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/shell-actions";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { NAV, ROLE_HOME } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";

/** The header: the portal's name, the role's own navigation, language and sign-in/out. */
export async function SiteHeader({ user }: { user: CurrentUser | null }) {
  const [t, tRoles, tApp] = await Promise.all([getTranslations("nav"), getTranslations("roles"), getTranslations("app")]);
  const links = user ? NAV[user.role] : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {tApp("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-2">
        <Link href={user ? ROLE_HOME[user.role] : "/"} className="mr-auto text-lg font-bold text-brand-800">
          {tApp("name")}
        </Link>
        <LocaleSwitch />
        {user ? (
          <form action={signOutAction}>
            <button type="submit" className="min-h-11 rounded-lg px-3 text-sm font-medium text-slate-800 hover:bg-slate-100">
              {t("signOut")}
            </button>
          </form>
        ) : (
          <>
            <Link
              href="/progress"
              className="min-h-11 content-center rounded-lg px-3 text-sm font-medium text-slate-800 hover:bg-slate-100"
            >
              {t("progress")}
            </Link>
            <Link
              href="/schedule"
              className="min-h-11 content-center rounded-lg px-3 text-sm font-medium text-slate-800 hover:bg-slate-100"
            >
              {t("schedule")}
            </Link>
            <Link
              href="/login"
              className="min-h-11 content-center rounded-lg px-3 text-sm font-medium text-brand-700 hover:bg-brand-50"
            >
              {t("signIn")}
            </Link>
          </>
        )}
      </div>
      {user ? (
        <nav aria-label={t("label")} className="border-t border-slate-100">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-1 px-4 py-1">
            {links.map((l) => (
              <Link
                key={l.href}
                href={l.href}
                className="min-h-11 content-center rounded-lg px-3 text-sm font-medium text-slate-800 hover:bg-slate-100"
              >
                {t(l.key as "dashboard")}
              </Link>
            ))}
            <span className="ml-auto text-sm text-slate-600">
              {t("signedInAs", { name: user.name, role: tRoles(user.role) })}
            </span>
          </div>
        </nav>
      ) : null}
    </header>
  );
}

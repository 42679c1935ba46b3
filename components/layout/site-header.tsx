import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/shell-actions";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { NavMenu } from "@/components/layout/nav-menu";
import { NAV, ROLE_HOME } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";

/** The header: the portal's name, the role's own navigation, language and sign-in/out. */
export async function SiteHeader({ user }: { user: CurrentUser | null }) {
  const [t, tRoles, tApp] = await Promise.all([getTranslations("nav"), getTranslations("roles"), getTranslations("app")]);
  const links = user ? NAV[user.role] : [];
  const linkClass = "min-h-11 content-center rounded-lg px-3 text-sm font-medium text-slate-800 hover:bg-slate-100";
  const signOut = (
    <form action={signOutAction}>
      <button type="submit" className="min-h-11 rounded-lg px-3 text-sm font-medium text-slate-800 hover:bg-slate-100">
        {t("signOut")}
      </button>
    </form>
  );
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {tApp("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-1 sm:py-2">
        <Link
          href={user ? ROLE_HOME[user.role] : "/"}
          className="mr-auto inline-flex min-h-11 items-center text-lg font-bold text-brand-800"
        >
          {tApp("name")}
        </Link>
        {user ? (
          <>
            {/* On a phone one row: the name and a menu, so the page starts near the top of the screen. */}
            <div className="sm:hidden">
              <NavMenu label={t("menu")}>
                <nav aria-label={t("label")} className="flex flex-col px-4 py-2">
                  {links.map((l) => (
                    <Link key={l.href} href={l.href} className={`${linkClass} text-base`}>
                      {t(l.key as "dashboard")}
                    </Link>
                  ))}
                </nav>
                <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-2">
                  <span className="mr-auto text-sm text-slate-600">
                    {t("signedInAs", { name: user.name, role: tRoles(user.role) })}
                  </span>
                  <LocaleSwitch />
                  {signOut}
                </div>
              </NavMenu>
            </div>
            <div className="hidden items-center gap-2 sm:flex">
              <LocaleSwitch />
              {signOut}
            </div>
          </>
        ) : (
          <>
            <LocaleSwitch />
            <Link href="/progress" className={linkClass}>
              {t("progress")}
            </Link>
            <Link href="/schedule" className={linkClass}>
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
        <nav aria-label={t("label")} className="hidden border-t border-slate-100 sm:block">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-1 px-4 py-1">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className={linkClass}>
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

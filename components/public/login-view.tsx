import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { ForgetOfflineData } from "@/components/offline/forget-offline-data";
import { PageHeader } from "@/components/ui/card";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDemoMode } from "@/lib/auth/demo";
import { LoginForm } from "@/app/(public)/login/login-form";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function loginMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

/** The sign-in page; `next` is where to go after, `registered`/`activated` say what just happened. */
export async function LoginView({ next, registered, activated }: { next?: string; registered?: boolean; activated?: boolean }) {
  const [t, tReg, tAct, tRoles] = await Promise.all([
    getTranslations("login"),
    getTranslations("register"),
    getTranslations("activate"),
    getTranslations("roles"),
  ]);
  return (
    <ClientMessages of={["LoginForm"]}>
      <div className="mx-auto grid max-w-4xl gap-8 md:grid-cols-2">
        <div>
          <ForgetOfflineData />
          <PageHeader title={t("title")} intro={t("intro")} />
          {registered ? (
            <div className="mb-4">
              <FormMessage tone="success">{tReg("done")}</FormMessage>
            </div>
          ) : null}
          {activated ? (
            <div className="mb-4">
              <FormMessage tone="success">{tAct("done")}</FormMessage>
            </div>
          ) : null}
          <LoginForm next={next ?? ""} />
        </div>
        {isDemoMode() ? (
          <aside className="rounded-xl border border-amber-300 bg-amber-50 p-4" aria-labelledby="demo-title">
            <h2 id="demo-title" className="text-lg font-semibold">
              {t("demoTitle")}
            </h2>
            <p className="mt-1 text-sm">{t("demoPassword", { password: DEMO_PASSWORD })}</p>
            <table className="mt-3 w-full text-sm">
              <thead>
                <tr className="text-left">
                  <th scope="col" className="py-1">
                    {t("demoUser")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("demoRole")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {DEMO_ACCOUNTS.map((a) => (
                  <tr key={a.username}>
                    <td className="py-1 font-mono">{a.username}</td>
                    <td className="py-1">{tRoles(a.role)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </aside>
        ) : null}
      </div>
    </ClientMessages>
  );
}

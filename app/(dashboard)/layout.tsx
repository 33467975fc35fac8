import { forbidden, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { AppShell } from "@/components/shell/app-shell";
import { getAuthContext } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const auth = await getAuthContext();
  if (!auth) redirect("/sign-in");
  if (auth === "no-tenant") forbidden();
  return (
    <AppShell auth={auth}>
      <Providers>{children}</Providers>
    </AppShell>
  );
}

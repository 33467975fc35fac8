import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oidcEnabled } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// Only same-site paths are followed after sign-in, never another origin.
function safeCallback(value: string | string[] | undefined): string {
  const url = Array.isArray(value) ? value[0] : value;
  return url?.startsWith("/") && !url.startsWith("//") ? url : "/overview";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-6 flex items-center gap-2">
          {/* biome-ignore lint/performance/noImgElement: a 24px static SVG needs no image optimisation */}
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <h1 className="text-lg font-semibold">Sign in to Attest</h1>
        </div>
        <SignInForm
          callbackUrl={safeCallback(params.callbackUrl)}
          oidcName={oidcEnabled() ? process.env.ATTEST_OIDC_NAME || "single sign-on" : undefined}
        />
      </div>
    </main>
  );
}

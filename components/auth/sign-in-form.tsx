"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { buttonClass, inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";

// next-auth reports a wrong password as "CredentialsSignin"; a lockout carries its own message.
function errorMessage(error: string): string {
  if (error === "CredentialsSignin") return "Wrong email or password.";
  return error;
}

export function SignInForm({ callbackUrl, oidcName }: { callbackUrl: string; oidcName?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(errorMessage(result?.error ?? "Sign-in failed."));
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4" aria-describedby={error ? "sign-in-error" : undefined}>
        <div className="space-y-1">
          <label htmlFor="email" className={labelClass}>
            Email
          </label>
          <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="password" className={labelClass}>
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className={inputClass}
          />
        </div>
        {error && (
          <p
            id="sign-in-error"
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-500/10 dark:text-red-300"
          >
            {error}
          </p>
        )}
        <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full justify-center`}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidcName && (
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl })}
          className={`${buttonClass} w-full justify-center`}
        >
          Sign in with {oidcName}
        </button>
      )}
    </div>
  );
}

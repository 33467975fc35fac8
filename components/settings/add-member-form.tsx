"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import { ROLES } from "@/lib/auth/roles";
import type { MemberView } from "@/lib/members";
import { callSettingsApi } from "./api";
import { OneTimeSecret } from "./one-time-secret";

type Added = { member: MemberView; created: boolean; password: string | null };

export function AddMemberForm({ oidcEnabled }: { oidcEnabled: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<Added | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setError(null);
    setAdded(null);
    try {
      const result = await callSettingsApi<Added>("POST", "/api/v1/settings/members", {
        email: String(form.get("email") ?? "").trim(),
        name: String(form.get("name") ?? "").trim() || undefined,
        role: String(form.get("role")),
        oidcOnly: form.get("oidcOnly") === "on",
      });
      setAdded(result);
      formElement.reset();
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Add a member">
        <div className="min-w-56 flex-1 space-y-1">
          <label htmlFor="member-email" className={labelClass}>
            Email
          </label>
          <input id="member-email" name="email" type="email" required className={inputClass} />
        </div>
        <div className="min-w-40 space-y-1">
          <label htmlFor="member-name" className={labelClass}>
            Name (optional)
          </label>
          <input id="member-name" name="name" type="text" maxLength={200} className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="member-role" className={labelClass}>
            Role
          </label>
          <select id="member-role" name="role" defaultValue="viewer" className={inputClass}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        {oidcEnabled && (
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" name="oidcOnly" />
            Single sign-on only (no password)
          </label>
        )}
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Adding…" : "Add member"}
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {added?.password && (
        <OneTimeSecret label="One-time password" secret={added.password} onDismiss={() => setAdded(null)}>
          {added.member.email} can now sign in with this password. Copy it and hand it over securely: it is shown only
          now and cannot be shown again.
        </OneTimeSecret>
      )}
      {added && !added.password && (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {added.created
            ? `Added ${added.member.email} as ${added.member.role}; they sign in through single sign-on.`
            : `Added ${added.member.email} as ${added.member.role}. They already have an account and keep their password.`}
        </p>
      )}
    </div>
  );
}

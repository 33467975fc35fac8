"use client";

import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import { ROLES } from "@/lib/auth/roles";
import type { MemberView } from "@/lib/members";
import { callSettingsApi } from "./api";
import { OneTimeSecret } from "./one-time-secret";
import { useCreateForm } from "./use-create-form";
import { ActionError } from "./use-row-actions";

type Added = { member: MemberView; created: boolean; password: string | null };

export function AddMemberForm({ oidcEnabled }: { oidcEnabled: boolean }) {
  const {
    pending,
    error,
    created: added,
    setCreated: setAdded,
    onSubmit,
  } = useCreateForm(
    async (form): Promise<Added> =>
      callSettingsApi<Added>("POST", "/api/v1/settings/members", {
        email: String(form.get("email") ?? "").trim(),
        name: String(form.get("name") ?? "").trim() || undefined,
        role: String(form.get("role")),
        oidcOnly: form.get("oidcOnly") === "on",
      }),
  );

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
      <ActionError error={error} />
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

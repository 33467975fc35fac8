"use client";

import { ConfirmAction } from "@/components/ui/confirm-action";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { MemberView } from "@/lib/members";
import { callSettingsApi, formatTime } from "./api";
import { ActionError, useRowActions } from "./use-row-actions";

export function MembersTable({ members, currentUserId }: { members: MemberView[]; currentUserId: string }) {
  // A refused change re-renders too, so the select shows the stored role again.
  const { error, busy, confirming, setConfirming, run } = useRowActions({ refreshOnError: true });
  const act = (userId: string, method: "PATCH" | "DELETE", body?: { role: Role }) =>
    run(userId, async () => {
      await callSettingsApi(method, `/api/v1/settings/members/${userId}`, body);
    });

  return (
    <div className="space-y-3">
      <ActionError error={error} />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
            <tr>
              <th className="py-2 pr-4 font-medium">Email</th>
              <th className="py-2 pr-4 font-medium">Name</th>
              <th className="py-2 pr-4 font-medium">Role</th>
              <th className="py-2 pr-4 font-medium">Last sign-in</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {members.map((member) => (
              <tr key={member.userId} data-testid="member-row">
                <td className="py-2 pr-4 font-medium text-slate-900 dark:text-slate-100">
                  {member.email}
                  {member.userId === currentUserId && <span className="ml-2 text-xs text-slate-500">(you)</span>}
                  {!member.hasPassword && <span className="ml-2 text-xs text-slate-500">SSO</span>}
                </td>
                <td className="py-2 pr-4 text-slate-700 dark:text-slate-300">{member.name ?? "–"}</td>
                <td className="py-2 pr-4">
                  <select
                    aria-label={`Role of ${member.email}`}
                    key={member.role}
                    defaultValue={member.role}
                    disabled={busy === member.userId}
                    onChange={(event) => act(member.userId, "PATCH", { role: event.target.value as Role })}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="py-2 pr-4 whitespace-nowrap text-slate-600 dark:text-slate-400">
                  {formatTime(member.lastSignInAt)}
                </td>
                <td className="py-2 text-right whitespace-nowrap">
                  <ConfirmAction
                    confirming={confirming === member.userId}
                    busy={busy === member.userId}
                    label="Remove"
                    ariaLabel={`Remove ${member.email}`}
                    prompt="Remove from this tenant?"
                    confirmLabel="Confirm removal"
                    onAsk={() => setConfirming(member.userId)}
                    onCancel={() => setConfirming(null)}
                    onConfirm={() => act(member.userId, "DELETE")}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

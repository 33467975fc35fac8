import type { Metadata } from "next";
import { AddMemberForm } from "@/components/settings/add-member-form";
import { MembersTable } from "@/components/settings/members-table";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Card } from "@/components/ui/card";
import { oidcEnabled } from "@/lib/auth/options";
import { requirePageAuth } from "@/lib/auth/session";
import { listMembers } from "@/lib/members";

export const metadata: Metadata = { title: "Members · Settings" };

export default async function MembersSettingsPage() {
  const auth = await requirePageAuth("settings:manage", "/settings/members");
  const members = await listMembers(auth.tenant.id);
  return (
    <>
      <SettingsHeader tenantName={auth.tenant.name} />
      <div className="space-y-6">
        <Card title="Add a member">
          <AddMemberForm oidcEnabled={oidcEnabled()} />
        </Card>
        <Card title={`Members (${members.length})`}>
          <MembersTable members={members} currentUserId={auth.user.id} />
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
            Admins manage members and keys; analysts handle alerts; auditors export reports; viewers read. A tenant
            always keeps at least one admin.
          </p>
        </Card>
      </div>
    </>
  );
}

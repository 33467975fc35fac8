import type { Metadata } from "next";
import { PhiPatternsForm, PhiPatternsList } from "@/components/settings/phi-patterns-form";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { muted } from "@/components/ui/styles";
import { can } from "@/lib/auth/roles";
import { requirePageAuth } from "@/lib/auth/session";
import { getPhiPatterns, MAX_PHI_PATTERN_LENGTH, MAX_PHI_PATTERNS } from "@/lib/tenant-settings";

export const metadata: Metadata = { title: "PHI patterns · Settings" };

// Every role may read which tools and resources count as PHI (it explains the HIPAA report);
// only admins change them.
export default async function PhiPatternsSettingsPage() {
  const auth = await requirePageAuth("data:read", "/settings/phi-patterns");
  const patterns = await getPhiPatterns(auth.tenant.id);
  const editable = can(auth.role, "settings:manage");
  return (
    <>
      {editable ? (
        <SettingsHeader tenantName={auth.tenant.name} />
      ) : (
        <PageHeader
          title="PHI patterns"
          description={`What ${auth.tenant.name} marks as protected health information.`}
        />
      )}
      <Card title="PHI patterns">
        <div className="space-y-4">
          <p className={`text-sm ${muted}`}>
            Tools and resources whose id or URI matches one of these patterns count as protected health information in
            the HIPAA §164.312(b) report. <code className="font-mono">*</code> matches any run of characters, and a
            pattern must match the whole id or URI: <code className="font-mono">ehr.*</code>,{" "}
            <code className="font-mono">fhir://patients/*</code>,{" "}
            <code className="font-mono">https://mcp.ehr.example*</code>. At most {MAX_PHI_PATTERNS} patterns of up to{" "}
            {MAX_PHI_PATTERN_LENGTH} characters.
          </p>
          {editable ? <PhiPatternsForm patterns={patterns} /> : <PhiPatternsList patterns={patterns} />}
          {!editable && <p className={`text-sm ${muted}`}>Only admins can change them.</p>}
        </div>
      </Card>
    </>
  );
}

import type { Metadata } from "next";
import { ExportForm } from "@/components/reports/export-form";
import { ExportsList } from "@/components/reports/exports-list";
import { VerifyHelp } from "@/components/reports/verify-help";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/session";
import { listExports } from "@/lib/exports/store";
import { FRAMEWORKS, frameworkInfo } from "@/lib/reports";

export const metadata: Metadata = { title: "Reports" };

const DAY_MS = 86_400_000;

export default async function ReportsPage() {
  const auth = await requirePageAuth("reports:export", "/reports");
  const frameworks = FRAMEWORKS.map((f) => frameworkInfo(f));
  const exports = await listExports(auth.tenant.id);
  // Last 30 days, whole UTC days ending today; computed here so server and browser agree.
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.parse(today) - 29 * DAY_MS).toISOString().slice(0, 10);
  const titles = Object.fromEntries(frameworks.map((f) => [f.id, f.title]));

  return (
    <>
      <PageHeader
        title="Compliance reports"
        description="Export this tenant's evidence for an auditor: signed, with a manifest anyone can check offline."
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <Card title="New report">
            <ExportForm frameworks={frameworks} defaultFrom={from} defaultTo={today} />
          </Card>
          <ExportsList initial={exports} titles={titles} />
        </div>
        <VerifyHelp />
      </div>
    </>
  );
}

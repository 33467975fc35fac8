import { categorySql, frameworkInfo } from "./frameworks";
import type { ReportScope } from "./scope";
import { agentInventory, consents, delegations, policyDecisions } from "./sections-activity";
import { alerts, approvals, denials } from "./sections-control";
import { phiAccess, recordsOfProcessing } from "./sections-framework";
import { eventsOverTime, evidenceByActor, evidenceSection, integritySection, summary } from "./sections-overview";
import type { EventRange, EvidenceCategory, IntegrityStatus, ReportContent, ReportSection } from "./types";

// Everything a report says apart from its evidence rows, computed with aggregate SQL over the
// period: no query here returns more than a table's top N rows.

export type ContentInputs = {
  scope: ReportScope;
  eventRange: EventRange;
  categories: EvidenceCategory[];
  integrity: IntegrityStatus;
  /** GDPR: uses flagged by the consent rules, counted while streaming the evidence. */
  flaggedUses: number | null;
};

export type SectionStep = { name: string; run: () => Promise<ReportSection> };

/** The SQL sections in report order, as steps so the caller can report progress between them. */
export function sectionSteps(scope: ReportScope, categories: EvidenceCategory[]): SectionStep[] {
  return [
    { name: "summary", run: () => summary(scope, categories) },
    { name: "evidence", run: async () => evidenceSection(scope, categories) },
    { name: "actors", run: () => evidenceByActor(scope, categorySql(scope.request.framework)) },
    ...(scope.request.framework === "hipaa" ? [{ name: "phi", run: () => phiAccess(scope) }] : []),
    { name: "agents", run: () => agentInventory(scope) },
    { name: "delegations", run: () => delegations(scope) },
    { name: "consents", run: () => consents(scope) },
    { name: "policies", run: () => policyDecisions(scope) },
    { name: "approvals", run: () => approvals(scope) },
    { name: "denials", run: () => denials(scope) },
    { name: "alerts", run: () => alerts(scope) },
  ];
}

export async function assembleContent(inputs: ContentInputs, sections: ReportSection[]): Promise<ReportContent> {
  const { scope, integrity } = inputs;
  const { request } = scope;
  const all = [...sections];
  if (request.framework === "gdpr") {
    // After the evidence pass, which counted the flagged uses.
    const at = all.findIndex((s) => s.id === "actors") + 1;
    all.splice(at, 0, await recordsOfProcessing(scope, inputs.flaggedUses));
  }
  all.push(integritySection(integrity));
  const policies = all.find((s) => s.id === "policies");
  const figure = (key: string) => Number(policies?.figures.find((f) => f.key === key)?.value ?? 0);
  return {
    header: {
      framework: frameworkInfo(request.framework),
      tenant: scope.tenant,
      period: { from: request.from.toISOString(), to: request.to.toISOString() },
      generatedAt: request.generatedAt.toISOString(),
      generatedBy: request.generatedBy,
      throughSeq: scope.throughSeq,
    },
    eventRange: inputs.eventRange,
    evidence: {
      total: inputs.categories.reduce((s, c) => s + c.count, 0),
      categories: inputs.categories,
      scope: all.find((s) => s.id === "evidence")?.notes.join(" ") ?? "",
    },
    charts: {
      eventsOverTime: await eventsOverTime(scope),
      decisions: [
        { label: "allow", value: figure("allow") },
        { label: "deny", value: figure("deny") },
        { label: "require approval", value: figure("requireApproval") },
      ],
    },
    sections: all,
    integrity,
  };
}

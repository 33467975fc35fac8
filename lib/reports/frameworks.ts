import type { Framework } from "./types";

// What each framework's evidence is, as SQL over `events e`. A category's `where` is a boolean
// expression; an event belongs to the FIRST category whose condition holds, so the order of the
// list decides overlaps (a failed sign-in is an invalid access attempt before it is anything else).
// `$5` is the tenant's PHI patterns as LIKE patterns (HIPAA only; see phi.ts).

export type EvidenceCategoryDef = { id: string; label: string; where: string };

export type FrameworkDef = {
  id: Framework;
  title: string;
  citation: string;
  summary: string;
  /** How the evidence was chosen, printed with the evidence in every format. */
  scope: string;
  categories: EvidenceCategoryDef[];
  /** The category set depends on the tenant's PHI patterns ($5). */
  usesPhiPatterns?: boolean;
};

const types = (...names: string[]) => `e.type IN (${names.map((n) => `'${n}'`).join(", ")})`;
const prefixed = (...prefixes: string[]) => `(${prefixes.map((p) => `starts_with(e.type, '${p}')`).join(" OR ")})`;

const DATA_ACCESS = types("mcp.tool.called", "mcp.resource.read", "mcp.prompt.get", "downstream.called");
const SELF_AUDIT = "starts_with(e.type, 'x-attest.')";
/** Scopes that let an agent move money, deploy, or administer identities and repositories. */
export const PRIVILEGED_SCOPES = ["payments:write", "ap:write", "deploy:write"];
const PRIVILEGED_SCOPE = `jsonb_path_exists(e.data, '$.scopes[*] ? (@ like_regex ":admin$" || ${PRIVILEGED_SCOPES.map((s) => `@ == "${s}"`).join(" || ")})')`;
const PRIVILEGED_TOOL_CALL = `(e.type = 'mcp.tool.called' AND ${PRIVILEGED_SCOPE})`;
const CREDENTIAL_CHANGES = [
  prefixed("x-attest.ingest_key.", "x-attest.api_token.", "x-attest.member.", "x-attest.user.", "x-attest.agent."),
  types("client.registered", "client.updated", "token.issued", "token.exchanged", "token.revoked"),
  types("agent.registered", "agent.updated", "agent.suspended"),
].join(" OR ");
const PHI_MATCH = "(e.target_id LIKE ANY($5::text[]) OR (e.data->>'resource') LIKE ANY($5::text[]))";

export const FRAMEWORK_DEFS: Record<Framework, FrameworkDef> = {
  sox: {
    id: "sox",
    title: "SOX ITGC: access and change management",
    citation: "Sarbanes-Oxley Act §404, IT general controls",
    summary:
      "Who could act for the company and how that changed: agent and key lifecycle, client registrations, token issuance and revocation, dashboard role changes, privileged actions and approvals.",
    scope:
      "Agent, client, token, ingest-key, API-token, member and dashboard-account lifecycle events; approvals; dashboard actions (x-attest.*); tool calls holding a privileged scope (*:admin, payments:write, ap:write, deploy:write).",
    categories: [
      {
        id: "sox.role_change",
        label: "Dashboard members, roles and passwords",
        where: prefixed("x-attest.member.", "x-attest.user."),
      },
      {
        id: "sox.key_lifecycle",
        label: "Ingest key and API token lifecycle",
        where: prefixed("x-attest.ingest_key.", "x-attest.api_token."),
      },
      {
        id: "sox.agent_lifecycle",
        label: "Agent lifecycle",
        where: `${types("agent.registered", "agent.updated", "agent.suspended")} OR ${prefixed("x-attest.agent.")}`,
      },
      {
        id: "sox.client_registration",
        label: "OAuth client registrations",
        where: types("client.registered", "client.updated"),
      },
      {
        id: "sox.token_lifecycle",
        label: "Token issuance and revocation",
        where: types("token.issued", "token.exchanged", "token.revoked"),
      },
      { id: "sox.approval", label: "Approvals", where: prefixed("approval.") },
      { id: "sox.dashboard_action", label: "Other dashboard actions (self-audit)", where: SELF_AUDIT },
      { id: "sox.privileged_tool_call", label: "High-risk tool calls (privileged scope)", where: PRIVILEGED_TOOL_CALL },
    ],
  },
  hipaa: {
    id: "hipaa",
    title: "HIPAA audit controls",
    citation: "45 CFR §164.312(b)",
    summary:
      "Activity on resources the tenant marks as PHI: which agent accessed them, when, on whose behalf, with what outcome, and every refused attempt.",
    scope: "Events whose target id or resource URI matches one of the tenant's PHI patterns.",
    usesPhiPatterns: true,
    categories: [
      {
        id: "hipaa.denied",
        label: "Refused or failed access to PHI",
        where: `${PHI_MATCH} AND e.outcome IN ('denied', 'failure')`,
      },
      { id: "hipaa.access", label: "Access to PHI", where: `${PHI_MATCH} AND ${DATA_ACCESS}` },
      { id: "hipaa.authorization", label: "Authorization for PHI (tokens, consents, policy)", where: PHI_MATCH },
    ],
  },
  pci: {
    id: "pci",
    title: "PCI DSS v4.0 Requirement 10",
    citation: "PCI DSS v4.0, Requirement 10.2.1 (10.2.1.1–10.2.1.7) and 10.2.2",
    summary:
      "Audit log events by 10.2.1 category, each with the 10.2.2 details: user identification, type, date and time, success or failure, origination and the affected component.",
    scope:
      "10.2.1.1 every agent data access (tool calls, resource and prompt reads, downstream calls; no cardholder-data environment is configured, so all are included); 10.2.1.2 dashboard actions and privileged-scope tool calls; 10.2.1.3 report exports and integrity verifications; 10.2.1.4 failed sign-ins and token rejections; 10.2.1.5 credential and identity changes; 10.2.1.6/10.2.1.7 changes to rules, webhooks and settings.",
    categories: [
      {
        id: "10.2.1.4",
        label: "Invalid logical access attempts",
        where: `e.type = 'token.rejected' OR e.type = 'x-attest.auth.sign_in_failed' OR (starts_with(e.type, 'auth.') AND e.outcome IN ('failure', 'denied'))`,
      },
      { id: "10.2.1.3", label: "Access to audit logs", where: prefixed("x-attest.export.", "x-attest.integrity.") },
      {
        id: "10.2.1.6/10.2.1.7",
        label: "Changes to audit configuration",
        where: prefixed("x-attest.rules.", "x-attest.webhook.", "x-attest.settings."),
      },
      { id: "10.2.1.5", label: "Changes to identification and authentication credentials", where: CREDENTIAL_CHANGES },
      {
        id: "10.2.1.2",
        label: "Actions by administrative identities",
        where: `${SELF_AUDIT} OR ${PRIVILEGED_TOOL_CALL}`,
      },
      { id: "10.2.1.1", label: "Access to cardholder data", where: DATA_ACCESS },
    ],
  },
  gdpr: {
    id: "gdpr",
    title: "GDPR records of processing / CCPA",
    citation: "GDPR Art. 30; CCPA §1798.100",
    summary:
      "Which agents processed which people's data, when, how much, through which tools and resources, and under which consent; uses outside, after or without a consent are flagged.",
    scope:
      "Consent events, and data access (tool calls, resource and prompt reads, downstream calls) done on behalf of a person.",
    categories: [
      { id: "gdpr.consent", label: "Consent records", where: prefixed("consent.") },
      {
        id: "gdpr.processing",
        label: "Processing on behalf of a person",
        where: `${DATA_ACCESS} AND e.on_behalf_of_id IS NOT NULL`,
      },
    ],
  },
};

/** `CASE … END` naming each event's category, NULL outside the framework's evidence. */
export function categorySql(framework: Framework): string {
  const whens = FRAMEWORK_DEFS[framework].categories.map((c) => `WHEN (${c.where}) THEN '${c.id}'`).join(" ");
  return `(CASE ${whens} END)`;
}

/** The framework's whole evidence scope as one boolean expression. */
export function scopeSql(framework: Framework): string {
  return `(${FRAMEWORK_DEFS[framework].categories.map((c) => `(${c.where})`).join(" OR ")})`;
}

export function frameworkInfo(f: Framework): { id: Framework; title: string; citation: string; summary: string } {
  const { id, title, citation, summary } = FRAMEWORK_DEFS[f];
  return { id, title, citation, summary };
}

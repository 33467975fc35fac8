import { TOOLS, tableRows } from "./catalog";
import type { ClientKind, Registration } from "./types";

// The company's twenty agents, apps and services. Registration follows the MCP spec's order
// of preference loosely: in-house agents are pre-registered, vendor agents bring a client ID
// metadata document (CIMD), and ad-hoc tools fall back to dynamic registration (DCR).

export type AgentSpec = {
  id: string;
  name: string;
  kind: ClientKind;
  registration: Registration;
  /** Stateless clients speak MCP 2026-07-28 and carry no MCP session id. */
  stateless: boolean;
  /** Relative request volume. */
  weight: number;
  /** Fraction of the window after which the agent first shows up. */
  introducedAt: number;
  department?: string;
  userAgent: string;
  tools: string[];
  /** Orchestrators delegate to other agents through token exchange. */
  delegatesTo?: string[];
};

// id | name | kind | registration | mcp | weight | introduced | department | user agent | tools | delegates to
const AGENT_TABLE = `
billing-copilot    | Billing Copilot    | ai_agent  | metadata_document | stateless | 8  | 0    | Finance     | billing-copilot/3.2 (mcp-client-ts)         | stripe.refund stripe.lookup_charge crm.lookup_customer |
support-assistant  | Support Assistant  | ai_agent  | dynamic           | stateful  | 10 | 0    | Support     | Support-Assistant/1.9                       | zendesk.create_ticket zendesk.reply crm.lookup_customer stripe.lookup_charge |
sales-researcher   | Sales Researcher   | ai_agent  | dynamic           | stateful  | 6  | 0    | Sales       | sales-researcher/0.8 python-mcp/1.12        | crm.lookup_customer crm.update_opportunity crm.export_customers |
ops-planner        | Ops Planner        | ai_agent  | pre_registered    | stateless | 5  | 0    | Operations  | ops-planner/2.0 (langgraph)                 | jira.create_issue | billing-copilot data-analyst support-assistant invoice-processor research-assistant
code-reviewer      | Code Review Agent  | ai_agent  | metadata_document | stateless | 7  | 0    | Engineering | code-review-agent/4.1                       | github.get_file github.create_pr_comment |
data-analyst       | Data Analyst       | ai_agent  | pre_registered    | stateful  | 6  | 0    | Finance     | data-analyst/1.4 (mcp-client-ts)            | snowflake.run_query looker.get_dashboard |
hr-helper          | HR Helper          | ai_agent  | metadata_document | stateless | 3  | 0.1  | People      | hr-helper/1.0                               | workday.lookup_employee drive.read_document |
security-triage    | Security Triage    | ai_agent  | pre_registered    | stateful  | 3  | 0    | Security    | sec-triage/2.3                              | okta.reset_mfa jira.create_issue snowflake.run_query |
docs-writer        | Docs Writer        | ai_agent  | dynamic           | stateless | 4  | 0.05 | Engineering | docs-writer/0.3 python-mcp/1.12             | confluence.create_page drive.read_document |
invoice-processor  | Invoice Processor  | ai_agent  | dynamic           | stateful  | 4  | 0    | Finance     | invoice-processor/1.1                       | netsuite.create_bill stripe.lookup_charge drive.read_document |
recruiting-scout   | Recruiting Scout   | ai_agent  | dynamic           | stateless | 2  | 0.35 | People      | recruiting-scout/0.2                        | greenhouse.search_candidates workday.lookup_employee |
it-helpdesk        | IT Helpdesk Bot    | ai_agent  | metadata_document | stateless | 4  | 0    | IT          | it-helpdesk/5.0                             | okta.reset_mfa jira.create_issue |
marketing-writer   | Marketing Writer   | ai_agent  | dynamic           | stateless | 2  | 0.5  | Marketing   | marketing-writer/0.1                        | drive.read_document confluence.create_page crm.lookup_customer |
legal-reviewer     | Legal Reviewer     | ai_agent  | pre_registered    | stateful  | 2  | 0    | Legal       | legal-reviewer/1.0                          | drive.read_document |
deploy-agent       | Deploy Agent       | ai_agent  | metadata_document | stateless | 3  | 0    | Engineering | deploy-agent/2.7                            | github.merge_pr k8s.rollout_restart github.get_file |
research-assistant | Research Assistant | ai_agent  | dynamic           | stateless | 3  | 0.2  | Product     | research-assistant/1.2                      | drive.read_document looker.get_dashboard crm.lookup_customer | data-analyst sales-researcher
support-console    | Support Console    | human_app | pre_registered    | stateful  | 4  | 0    | Support     | Mozilla/5.0 (Macintosh) SupportConsole/8.2  | zendesk.reply crm.lookup_customer stripe.refund |
finance-portal     | Finance Portal     | human_app | pre_registered    | stateful  | 2  | 0    | Finance     | Mozilla/5.0 (Windows NT 10.0) FinancePortal/3.1 | stripe.lookup_charge netsuite.create_bill |
nightly-reconciler | Nightly Reconciler | service   | pre_registered    | stateless | 2  | 0    |             | reconciler-cron/1.0                         | stripe.lookup_charge netsuite.create_bill |
ci-pipeline        | CI Pipeline        | service   | pre_registered    | stateless | 2  | 0    |             | ci-runner/2025.11                           | github.get_file k8s.rollout_restart |
`;

const words = (cell: string | undefined) => (cell ? cell.split(/\s+/).filter(Boolean) : []);

export const AGENTS: AgentSpec[] = tableRows(AGENT_TABLE).map((cells) => {
  const [
    id = "",
    name = "",
    kind,
    registration,
    mcp,
    weight,
    introduced,
    department,
    userAgent = "",
    tools,
    delegates,
  ] = cells;
  const delegatesTo = words(delegates);
  return {
    id,
    name,
    kind: kind as ClientKind,
    registration: registration as Registration,
    stateless: mcp === "stateless",
    weight: Number(weight),
    introducedAt: Number(introduced),
    ...(department ? { department } : {}),
    userAgent,
    tools: words(tools),
    ...(delegatesTo.length ? { delegatesTo } : {}),
  };
});

export const DEPARTMENTS = [
  "Finance",
  "Support",
  "Sales",
  "Engineering",
  "Operations",
  "People",
  "Security",
  "IT",
  "Marketing",
  "Legal",
  "Product",
];

const scopeCache = new Map<string, string[]>();

/** What an agent asks consent for: its own tools' scopes, plus those it delegates onward. */
export function scopesOf(agent: AgentSpec): string[] {
  let scopes = scopeCache.get(agent.id);
  if (!scopes) {
    scopes = collectScopes(agent, new Set());
    scopeCache.set(agent.id, scopes);
  }
  return scopes;
}

function collectScopes(agent: AgentSpec, seen: Set<string>): string[] {
  seen.add(agent.id);
  const own = agent.tools.map((id) => TOOLS[id]?.scope).filter((s): s is string => !!s);
  const delegated = (agent.delegatesTo ?? [])
    .filter((id) => !seen.has(id))
    .flatMap((id) => {
      const next = AGENTS.find((a) => a.id === id);
      return next ? collectScopes(next, seen) : [];
    });
  return [...new Set([...own, ...delegated])];
}

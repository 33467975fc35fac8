// The fictional company's fixed landscape: MCP servers, tools and their policies. Kept as
// tables so the whole landscape reads at a glance; seeded details are drawn in cast.ts.

export type ToolSpec = {
  id: string;
  /** The MCP server URL, also the RFC 8707 resource of its tokens. */
  server: string;
  scope: string;
  downstream: string;
  policy: string;
  /** Chance that the policy denies an ordinary call. */
  denyRate: number;
  denyReason: string;
};

const SERVERS: Record<string, string> = {
  payments: "https://mcp.payments.northwind.example",
  crm: "https://mcp.crm.northwind.example",
  support: "https://mcp.support.northwind.example",
  eng: "https://mcp.eng.northwind.example",
  data: "https://mcp.data.northwind.example",
  people: "https://mcp.people.northwind.example",
  it: "https://mcp.it.northwind.example",
  docs: "https://mcp.docs.northwind.example",
};

// tool | server | scope | downstream API | policy | deny rate | deny reason
const TOOL_TABLE = `
stripe.refund                | payments | payments:write  | POST https://api.stripe.com/v1/refunds                                   | refund-limits      | 0.03 |
stripe.lookup_charge         | payments | payments:read   | GET https://api.stripe.com/v1/charges                                    | payments-read      | 0.03 |
crm.lookup_customer          | crm      | crm:read        | GET https://crm.northwind.example/api/customers                          | crm-data-access    | 0.03 |
crm.update_opportunity       | crm      | crm:write       | PATCH https://crm.northwind.example/api/opportunities                    | crm-data-access    | 0.05 | opportunity owned by another region
crm.export_customers         | crm      | crm:export      | POST https://crm.northwind.example/api/exports                           | pii-guard          | 0.6  | bulk export of customer PII is blocked
zendesk.create_ticket        | support  | tickets:write   | POST https://northwind.zendesk.example/api/v2/tickets                    | support-actions    | 0.03 |
zendesk.reply                | support  | tickets:write   | PUT https://northwind.zendesk.example/api/v2/tickets                     | support-actions    | 0.04 | reply contains unredacted card number
github.get_file              | eng      | repo:read       | GET https://api.github.com/repos/northwind/app/contents                  | eng-access         | 0.01 |
github.create_pr_comment     | eng      | repo:write      | POST https://api.github.com/repos/northwind/app/pulls/comments           | eng-access         | 0.02 |
github.merge_pr              | eng      | repo:admin      | PUT https://api.github.com/repos/northwind/app/pulls/merge               | prod-change-window | 0.2  | outside the production change window
k8s.rollout_restart          | eng      | deploy:write    | POST https://k8s.northwind.example/apis/apps/v1/deployments              | prod-change-window | 0.25 | outside the production change window
snowflake.run_query          | data     | warehouse:query | POST https://northwind.snowflakecomputing.example/api/v2/statements      | pii-guard          | 0.08 | query touches a PII column without a purpose
looker.get_dashboard         | data     | bi:read         | GET https://looker.northwind.example/api/4.0/dashboards                  | data-read          | 0.03 |
workday.lookup_employee      | people   | people:read     | GET https://wd.northwind.example/api/workers                             | hr-records         | 0.1  | compensation fields need HR role
greenhouse.search_candidates | people   | recruiting:read | GET https://harvest.greenhouse.example/v1/candidates                     | hr-records         | 0.05 |
okta.reset_mfa               | it       | identity:admin  | POST https://northwind.okta.example/api/v1/users/factors/reset           | identity-admin     | 0.15 | MFA reset requires ticket reference
jira.create_issue            | it       | issues:write    | POST https://northwind.atlassian.example/rest/api/3/issue                | default-allow      | 0.01 |
confluence.create_page       | docs     | docs:write      | POST https://northwind.atlassian.example/wiki/api/v2/pages               | default-allow      | 0.01 |
drive.read_document          | docs     | docs:read       | GET https://www.googleapis.example/drive/v3/files                        | data-read          | 0.03 |
netsuite.create_bill         | payments | ap:write        | POST https://northwind.netsuite.example/services/rest/record/v1/vendorBill | ap-controls      | 0.06 | vendor not on the approved list
`;

/** Rows of a `|`-separated table, cells trimmed. */
export function tableRows(table: string): string[][] {
  return table
    .trim()
    .split("\n")
    .map((line) => line.split("|").map((cell) => cell.trim()));
}

export const TOOLS: Record<string, ToolSpec> = Object.fromEntries(
  tableRows(TOOL_TABLE).map(
    ([id = "", server = "", scope = "", downstream = "", policy = "", rate = "", reason = ""]) => {
      const url = SERVERS[server];
      if (!url) throw new Error(`tool ${id}: unknown server ${server}`);
      const denyReason = reason || "scope not granted for this tool";
      return [id, { id, server: url, scope, downstream, policy, denyRate: Number(rate), denyReason }];
    },
  ),
);

export const RESOURCES: Record<string, string[]> = {
  [SERVERS.docs as string]: ["docs://handbook/expenses", "docs://handbook/security", "docs://runbooks/incident"],
  [SERVERS.crm as string]: ["crm://accounts/top-100", "crm://reports/pipeline"],
  [SERVERS.data as string]: ["warehouse://schemas/finance", "warehouse://schemas/product"],
};

export const POLICY_VERSIONS: Record<string, { version: string; engine: string }> = {
  "refund-limits": { version: "7", engine: "opa" },
  "payments-read": { version: "3", engine: "opa" },
  "crm-data-access": { version: "4", engine: "cerbos" },
  "pii-guard": { version: "12", engine: "opa" },
  "support-actions": { version: "2", engine: "cerbos" },
  "eng-access": { version: "9", engine: "opa" },
  "prod-change-window": { version: "5", engine: "opa" },
  "data-read": { version: "1", engine: "cerbos" },
  "hr-records": { version: "6", engine: "cerbos" },
  "identity-admin": { version: "3", engine: "opa" },
  "default-allow": { version: "1", engine: "opa" },
  "ap-controls": { version: "2", engine: "opa" },
};

export const POLICY_ENGINE = { type: "service", id: "policy-engine", name: "Policy Engine" } as const;
export const OTHER_TENANTS = ["globex", "initech-eu", "umbrella-labs"];

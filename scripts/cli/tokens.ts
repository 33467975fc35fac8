import { auditCliAction } from "../../lib/audit/after-action";
import { prisma } from "../../lib/db";
import {
  API_TOKEN_SCOPES,
  type ApiTokenScope,
  createApiToken,
  isApiTokenScope,
  listApiTokens,
  revokeApiToken,
} from "../../lib/keys/api-tokens";
import { CliError, type Command, EXIT, requireString } from "./command";
import { formatTable, formatTime } from "./format";
import { tenantBySlug } from "./tenants";

// API tokens for CI/CD (e.g. applying alert rules with PUT /api/v1/alert-rules), the same as
// Settings → API tokens, for operators who script a tenant's setup.

function scopesOption(value: string | boolean | undefined): ApiTokenScope[] {
  const scopes = typeof value === "string" ? value.split(",").map((s) => s.trim()) : ["rules:write"];
  const unknown = scopes.filter((s) => !isApiTokenScope(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new CliError(`unknown scope "${unknown.join(",")}"; known: ${API_TOKEN_SCOPES.join(", ")}`, EXIT.usage);
  }
  return scopes as ApiTokenScope[];
}

export const tokensCreate: Command = {
  path: ["tokens", "create"],
  usage: "tokens create --tenant <slug> --name <name> --created-by <email> [--scopes rules:write]",
  summary: "Create an API token for CI/CD; the token is printed alone on the last line, once",
  options: {
    tenant: { type: "string" },
    name: { type: "string" },
    "created-by": { type: "string" },
    scopes: { type: "string" },
  },
  async run(invocation) {
    // Every option is checked before the database is asked, so a bad invocation exits 2.
    const slug = requireString(invocation, "tenant");
    const name = requireString(invocation, "name").trim();
    const createdBy = requireString(invocation, "created-by").trim();
    const scopes = scopesOption(invocation.values.scopes);
    const tenant = await tenantBySlug(slug);
    const created = await createApiToken(tenant.id, { name, scopes, createdBy });
    await auditCliAction(tenant.id, {
      type: "x-attest.api_token.created",
      target: { type: "x-api-token", id: created.prefix, name: created.name },
      attributes: { scopes: created.scopes, createdBy },
    });
    const { print } = invocation;
    print(`Created API token "${created.name}" for tenant ${tenant.slug}`);
    print(`  prefix: ${created.prefix}`);
    print(`  scopes: ${created.scopes.join(", ")}`);
    print("CI/CD sends it as Authorization: Bearer <token> to /api/v1/alert-rules.");
    print("The token follows on the last line. It is stored hashed and cannot be shown again:");
    print(created.token);
  },
};

export const tokensList: Command = {
  path: ["tokens", "list"],
  usage: "tokens list --tenant <slug>",
  summary: "List a tenant's API tokens (never the tokens themselves)",
  options: { tenant: { type: "string" } },
  async run(invocation) {
    const tenant = await tenantBySlug(requireString(invocation, "tenant"));
    const tokens = await listApiTokens(tenant.id);
    if (tokens.length === 0) {
      invocation.print(`Tenant ${tenant.slug} has no API tokens. Create one with: attest tokens create --tenant …`);
      return;
    }
    const rows = tokens.map((t) => [
      t.prefix,
      t.name,
      t.scopes.join(","),
      t.createdBy,
      t.createdAt.replace(/\.\d{3}Z$/, "Z"),
      t.lastUsedAt?.replace(/\.\d{3}Z$/, "Z") ?? "never",
      t.revokedAt?.replace(/\.\d{3}Z$/, "Z"),
    ]);
    const headers = ["PREFIX", "NAME", "SCOPES", "CREATED BY", "CREATED", "LAST USED", "REVOKED"];
    for (const line of formatTable(headers, rows)) invocation.print(line);
  },
};

export const tokensRevoke: Command = {
  path: ["tokens", "revoke"],
  usage: "tokens revoke <prefix>",
  summary: "Revoke an API token by its prefix; it stops authenticating at once",
  positionals: ["prefix"],
  async run({ positionals, print }) {
    const prefix = positionals[0] as string;
    const token = await prisma.apiToken.findUnique({
      where: { prefix },
      select: { tenantId: true, revokedAt: true, name: true, scopes: true, tenant: { select: { slug: true } } },
    });
    if (!token) throw new CliError(`no API token has prefix "${prefix}" (see: attest tokens list --tenant <slug>)`);
    if (token.revokedAt)
      throw new CliError(`API token ${prefix} was already revoked at ${formatTime(token.revokedAt)}`);
    if (!(await revokeApiToken(prefix, token.tenantId)))
      throw new CliError(`API token ${prefix} was revoked concurrently`);
    await auditCliAction(token.tenantId, {
      type: "x-attest.api_token.revoked",
      target: { type: "x-api-token", id: prefix, name: token.name },
      attributes: { scopes: token.scopes },
    });
    print(`Revoked API token ${prefix} ("${token.name}") of tenant ${token.tenant.slug}`);
  },
};

import { auditCliAction } from "../../lib/audit/after-action";
import { prisma } from "../../lib/db";
import { createIngestKey, revokeIngestKey } from "../../lib/keys/ingest-keys";
import { CliError, type Command, requireString } from "./command";
import { formatTable, formatTime } from "./format";
import { tenantBySlug } from "./tenants";

export const keysCreate: Command = {
  path: ["keys", "create"],
  usage: "keys create --tenant <slug> [--name <name>]",
  summary: "Create an ingest key; the key is printed alone on the last line, once",
  options: { tenant: { type: "string" }, name: { type: "string" } },
  async run(invocation) {
    const tenant = await tenantBySlug(requireString(invocation, "tenant"));
    const name = typeof invocation.values.name === "string" ? invocation.values.name : "default";
    const key = await createIngestKey(tenant.id, name);
    await auditCliAction(tenant.id, {
      type: "x-attest.ingest_key.created",
      target: { type: "x-ingest-key", id: key.prefix, name: key.name },
    });
    const { print } = invocation;
    print(`Created ingest key "${key.name}" for tenant ${tenant.slug}`);
    print(`  prefix: ${key.prefix}`);
    print("The key follows on the last line. It is stored hashed and cannot be shown again:");
    print(key.key);
  },
};

export const keysList: Command = {
  path: ["keys", "list"],
  usage: "keys list --tenant <slug>",
  summary: "List a tenant's ingest keys (never the keys themselves)",
  options: { tenant: { type: "string" } },
  async run(invocation) {
    const tenant = await tenantBySlug(requireString(invocation, "tenant"));
    const keys = await prisma.ingestKey.findMany({
      where: { tenantId: tenant.id },
      orderBy: { createdAt: "asc" },
      select: { prefix: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    });
    if (keys.length === 0) {
      invocation.print(
        `Tenant ${tenant.slug} has no ingest keys. Create one with: attest keys create --tenant ${tenant.slug}`,
      );
      return;
    }
    const rows = keys.map((k) => [
      k.prefix,
      k.name,
      formatTime(k.createdAt),
      formatTime(k.lastUsedAt) ?? "never",
      formatTime(k.revokedAt),
    ]);
    for (const line of formatTable(["PREFIX", "NAME", "CREATED", "LAST USED", "REVOKED"], rows)) invocation.print(line);
  },
};

export const keysRevoke: Command = {
  path: ["keys", "revoke"],
  usage: "keys revoke <prefix>",
  summary: "Revoke an ingest key by its prefix; it stops authenticating at once",
  positionals: ["prefix"],
  async run({ positionals, print }) {
    const prefix = positionals[0] as string;
    const key = await prisma.ingestKey.findUnique({
      where: { prefix },
      select: { tenantId: true, revokedAt: true, name: true, tenant: { select: { slug: true } } },
    });
    if (!key) throw new CliError(`no ingest key has prefix "${prefix}" (see: attest keys list --tenant <slug>)`);
    if (key.revokedAt) throw new CliError(`ingest key ${prefix} was already revoked at ${formatTime(key.revokedAt)}`);
    if (!(await revokeIngestKey(prefix))) throw new CliError(`ingest key ${prefix} was revoked concurrently`);
    await auditCliAction(key.tenantId, {
      type: "x-attest.ingest_key.revoked",
      target: { type: "x-ingest-key", id: prefix, name: key.name },
    });
    print(`Revoked ingest key ${prefix} ("${key.name}") of tenant ${key.tenant.slug}`);
  },
};

import { ZodError } from "zod";
import { prisma } from "../../lib/db";
import { createTenant, findTenantBySlug, tenantSlug } from "../../lib/tenants";
import { CliError, type Command, EXIT } from "./command";
import { formatTable, formatTime } from "./format";

export const tenantsCreate: Command = {
  path: ["tenants", "create"],
  usage: "tenants create <slug> [--name <display name>]",
  summary: "Create a tenant",
  options: { name: { type: "string" } },
  positionals: ["slug"],
  async run({ values, positionals, print }) {
    const slug = positionals[0] as string;
    const parsed = tenantSlug.safeParse(slug);
    if (!parsed.success)
      throw new CliError(`invalid tenant slug "${slug}": ${parsed.error.issues[0]?.message}`, EXIT.usage);
    if (await findTenantBySlug(slug)) throw new CliError(`tenant "${slug}" already exists`);
    try {
      const tenant = await createTenant(slug, typeof values.name === "string" ? values.name : undefined);
      print(`Created tenant ${tenant.slug} ("${tenant.name}")`);
      print(`  id:      ${tenant.id}`);
      print(`  created: ${formatTime(tenant.createdAt)}`);
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") throw new CliError(`tenant "${slug}" already exists`);
      if (error instanceof ZodError) throw new CliError(error.issues[0]?.message ?? "invalid tenant", EXIT.usage);
      throw error;
    }
  },
};

export const tenantsList: Command = {
  path: ["tenants", "list"],
  usage: "tenants list",
  summary: "List tenants with their live ingest keys",
  async run({ print }) {
    const tenants = await prisma.tenant.findMany({
      orderBy: { createdAt: "asc" },
      include: { _count: { select: { ingestKeys: { where: { revokedAt: null } } } } },
    });
    if (tenants.length === 0) {
      print("No tenants. Create one with: attest tenants create <slug>");
      return;
    }
    const rows = tenants.map((t) => [t.slug, t.name, t.id, formatTime(t.createdAt), String(t._count.ingestKeys)]);
    for (const line of formatTable(["SLUG", "NAME", "ID", "CREATED", "LIVE KEYS"], rows)) print(line);
  },
};

/** The tenant a `--tenant <slug>` names, or a CLI error saying it does not exist. */
export async function tenantBySlug(slug: string) {
  const tenant = await findTenantBySlug(slug);
  if (!tenant) throw new CliError(`unknown tenant "${slug}" (see: attest tenants list)`);
  return tenant;
}

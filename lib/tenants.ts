import { z } from "zod";
import { prisma } from "./db";

export const tenantSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "use 2–63 lowercase letters, digits and dashes, starting with a letter or digit");

export async function createTenant(slug: string, name?: string) {
  const valid = tenantSlug.parse(slug);
  return prisma.tenant.create({ data: { slug: valid, name: name ?? valid } });
}

export async function findTenantBySlug(slug: string) {
  return prisma.tenant.findUnique({ where: { slug } });
}

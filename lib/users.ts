import { z } from "zod";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./auth/passwords";
import { ROLES, type Role } from "./auth/roles";
import { prisma } from "./db";

export const emailSchema = z.email("must be an email address").transform((value) => value.toLowerCase());
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256);
export const roleSchema = z.enum(ROLES);

export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email: email.toLowerCase() } });
}

/** Creates the user if the email is new (OIDC-only when no password is given). */
export async function createUser(input: { email: string; name?: string; password?: string }) {
  const email = emailSchema.parse(input.email);
  const passwordHash = input.password ? await hashPassword(passwordSchema.parse(input.password)) : null;
  return prisma.user.create({ data: { email, name: input.name ?? null, passwordHash } });
}

export async function setPassword(userId: string, password: string) {
  const passwordHash = await hashPassword(passwordSchema.parse(password));
  await prisma.user.update({ where: { id: userId }, data: { passwordHash } });
}

/** Grants or changes a user's role in a tenant. */
export async function setMembership(tenantId: string, userId: string, role: Role) {
  return prisma.membership.upsert({
    where: { tenantId_userId: { tenantId, userId } },
    create: { tenantId, userId, role },
    update: { role },
  });
}

export async function membershipsOf(userId: string) {
  return prisma.membership.findMany({
    where: { userId },
    include: { tenant: { select: { id: true, slug: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
}

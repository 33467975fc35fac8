import { z } from "zod";
import { ApiError, notFound } from "./api/errors";
import { generatePassword } from "./auth/passwords";
import type { Role } from "./auth/roles";
import { prisma } from "./db";
import type { Prisma } from "./generated/prisma/client";
import { createUser, emailSchema, findUserByEmail, roleSchema } from "./users";

// Members of a tenant: who may sign in to it, and with which role. Every function takes the
// tenant first and touches only that tenant's memberships. A tenant always keeps at least one
// admin, otherwise nobody could manage its members and keys any more.

/** What the settings page and API show of a member. Dates are ISO strings, ready for JSON. */
export type MemberView = {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  /** False for accounts that sign in only through single sign-on. */
  hasPassword: boolean;
  lastSignInAt: string | null;
  memberSince: string;
};

export const addMemberInput = z.object({
  email: emailSchema,
  role: roleSchema,
  name: z.string().trim().max(200).optional(),
  /** Create a new account without a password (it signs in through OIDC only). */
  oidcOnly: z.boolean().optional(),
});
export type AddMemberInput = z.input<typeof addMemberInput>;

export const changeRoleInput = z.object({ role: roleSchema });

export const lastAdminError = () =>
  new ApiError(
    409,
    "last_admin",
    "This is the tenant's last admin. Make another member an admin first, so someone can still manage the tenant.",
  );

const memberInclude = {
  user: { select: { id: true, email: true, name: true, passwordHash: true, lastSignInAt: true } },
} as const;

type MembershipRow = Prisma.MembershipGetPayload<{ include: typeof memberInclude }>;

function toMemberView(row: MembershipRow): MemberView {
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: roleSchema.parse(row.role),
    hasPassword: row.user.passwordHash !== null,
    lastSignInAt: row.user.lastSignInAt?.toISOString() ?? null,
    memberSince: row.createdAt.toISOString(),
  };
}

const isUuid = (value: string) => z.uuid().safeParse(value).success;

export async function listMembers(tenantId: string): Promise<MemberView[]> {
  const rows = await prisma.membership.findMany({
    where: { tenantId },
    include: memberInclude,
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
  });
  return rows.map(toMemberView);
}

export async function getMember(tenantId: string, userId: string): Promise<MemberView | null> {
  if (!isUuid(userId)) return null;
  const row = await prisma.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    include: memberInclude,
  });
  return row ? toMemberView(row) : null;
}

/**
 * Adds a person to the tenant. A new email gets a new account with a generated password,
 * returned here once and stored only hashed; an existing account keeps its password.
 */
export async function addMember(
  tenantId: string,
  input: AddMemberInput,
): Promise<{ member: MemberView; created: boolean; password: string | null }> {
  const { email, role, name, oidcOnly } = addMemberInput.parse(input);
  const existing = await findUserByEmail(email);
  if (existing && (await getMember(tenantId, existing.id))) {
    throw new ApiError(
      409,
      "already_member",
      `${email} is already a member of this tenant; change their role instead.`,
    );
  }
  const password = existing || oidcOnly ? null : generatePassword();
  const user =
    existing ?? (await createUser({ email, name: name || undefined, password: password ?? undefined }).catch(raced));
  await prisma.membership.create({ data: { tenantId, userId: user.id, role } }).catch(raced);
  const member = await getMember(tenantId, user.id);
  if (!member) throw notFound("The member was removed while being added.");
  return { member, created: !existing, password };
}

// Two admins adding the same email at once: the unique constraint decides, the loser is told.
function raced(error: unknown): never {
  if ((error as { code?: string }).code === "P2002") {
    throw new ApiError(409, "already_member", "That person was added at the same moment; reload the list.");
  }
  throw error;
}

/**
 * Runs `change` with the tenant's admin memberships locked, so two admins demoting each other
 * at the same moment cannot leave the tenant with none: the second waits, then sees one admin.
 */
async function withAdminsLocked<T>(
  tenantId: string,
  userId: string,
  change: (tx: Prisma.TransactionClient, current: { role: string; adminCount: number }) => Promise<T>,
): Promise<T> {
  if (!isUuid(userId)) throw notFound("No such member in this tenant.");
  return prisma.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<{ user_id: string }[]>`
      SELECT user_id::text FROM memberships WHERE tenant_id = ${tenantId}::uuid AND role = 'admin' FOR UPDATE`;
    const current = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
    if (!current) throw notFound("No such member in this tenant.");
    return change(tx, { role: current.role, adminCount: admins.length });
  });
}

/** Changes the role; `previousRole` is the role it had (the same as `role` when unchanged). */
export async function changeMemberRole(
  tenantId: string,
  userId: string,
  role: Role,
): Promise<MemberView & { previousRole: Role }> {
  const valid = roleSchema.parse(role);
  const previousRole = await withAdminsLocked(tenantId, userId, async (tx, current) => {
    if (current.role === "admin" && valid !== "admin" && current.adminCount <= 1) throw lastAdminError();
    await tx.membership.update({ where: { tenantId_userId: { tenantId, userId } }, data: { role: valid } });
    return roleSchema.parse(current.role);
  });
  const member = await getMember(tenantId, userId);
  if (!member) throw notFound("No such member in this tenant.");
  return { ...member, previousRole };
}

/** Removes the membership; the account stays, since it may belong to other tenants. */
export async function removeMember(tenantId: string, userId: string): Promise<{ email: string; role: Role }> {
  const member = await getMember(tenantId, userId);
  const role = await withAdminsLocked(tenantId, userId, async (tx, current) => {
    if (current.role === "admin" && current.adminCount <= 1) throw lastAdminError();
    await tx.membership.delete({ where: { tenantId_userId: { tenantId, userId } } });
    return roleSchema.parse(current.role);
  });
  return { email: member?.email ?? userId, role };
}

import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { prisma } from "../db";
import { authOptions, SIGN_IN_PATH } from "./options";
import { can, isRole, type Permission, type Role } from "./roles";

// Who is asking, in which tenant, with which role. Read from Postgres on every request: the
// JWT only names the user. The active tenant comes from a cookie, and is honoured only when
// the user is a member of it; otherwise the user's first tenant is used.
export const TENANT_COOKIE = "attest_tenant";

export type TenantRef = { id: string; slug: string; name: string };
export type AuthContext = {
  user: { id: string; email: string; name: string | null };
  tenant: TenantRef;
  role: Role;
  tenants: (TenantRef & { role: Role })[];
};

export async function sessionUserId(): Promise<string | null> {
  const session = (await getServerSession(authOptions)) as { uid?: string } | null;
  return session?.uid ?? null;
}

/** The signed-in user's context, "no-tenant" for a user with no memberships, or null. */
export async function getAuthContext(): Promise<AuthContext | "no-tenant" | null> {
  const userId = await sessionUserId();
  if (!userId) return null;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    include: { memberships: { include: { tenant: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!user || user.disabledAt) return null;
  const tenants = user.memberships.flatMap((m) =>
    isRole(m.role) ? [{ id: m.tenant.id, slug: m.tenant.slug, name: m.tenant.name, role: m.role }] : [],
  );
  if (tenants.length === 0) return "no-tenant";
  const wanted = (await cookies()).get(TENANT_COOKIE)?.value;
  const active = tenants.find((t) => t.slug === wanted) ?? (tenants[0] as (typeof tenants)[number]);
  return {
    user: { id: user.id, email: user.email, name: user.name },
    tenant: { id: active.id, slug: active.slug, name: active.name },
    role: active.role,
    tenants,
  };
}

/**
 * For server components: the context, or a redirect to sign-in, or a 403 page when the role
 * lacks `permission`. Every dashboard page calls this; hiding a link is never the only guard.
 */
export async function requirePageAuth(
  permission: Permission = "data:read",
  returnTo = "/overview",
): Promise<AuthContext> {
  const context = await getAuthContext();
  if (!context) redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (context === "no-tenant" || !can(context.role, permission)) forbidden();
  return context;
}

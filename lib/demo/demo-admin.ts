import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatePassword, verifyPassword } from "../auth/passwords";
import { prisma } from "../db";
import { listMembers } from "../members";
import { findTenantBySlug } from "../tenants";
import { createUser, findUserByEmail, setMembership, setPassword } from "../users";

// Sign-in for the demo run (`npm run dev`) without a default password or secret anywhere in the
// code: the demo admin gets a generated password and the dev server a generated NEXTAUTH_SECRET,
// both kept in git-ignored files (mode 0600) under .data/, so later runs print the same ones.
// Production never calls this: `next start` needs NEXTAUTH_SECRET and users made by an admin.

export const DEMO_ADMIN_EMAIL = "admin@demo.attest.local";

export type DemoAdmin =
  | { status: "created" | "stored"; email: string; password: string }
  /** The tenant has members, but none whose password is in the file (changed, or never made here). */
  | { status: "unknown"; email: string | null };

type StoredCredentials = { email: string; password: string };

function writePrivate(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file.
  chmodSync(file, 0o600);
}

function readStored(file: string): StoredCredentials | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<StoredCredentials>;
    return typeof parsed.email === "string" && typeof parsed.password === "string"
      ? { email: parsed.email, password: parsed.password }
      : null;
  } catch {
    return null;
  }
}

/**
 * Makes sure someone can sign in to the demo tenant. When it has no members, an admin is created
 * (or an existing account with that email is made its admin) with a fresh password, saved to
 * `credentialsFile`. Otherwise the saved credentials are returned if they still work.
 */
export async function ensureDemoAdmin(options: {
  credentialsFile: string;
  tenantSlug?: string;
  email?: string;
}): Promise<DemoAdmin> {
  const { credentialsFile, tenantSlug = "demo", email = DEMO_ADMIN_EMAIL } = options;
  const tenant = await findTenantBySlug(tenantSlug);
  if (!tenant) throw new Error(`Tenant "${tenantSlug}" does not exist; load the demo data first.`);

  const members = await listMembers(tenant.id);
  if (members.length === 0) {
    const password = generatePassword();
    const existing = await findUserByEmail(email);
    const user = existing ?? (await createUser({ email, name: "Demo admin", password }));
    if (existing) await setPassword(existing.id, password);
    await setMembership(tenant.id, user.id, "admin");
    writePrivate(credentialsFile, `${JSON.stringify({ email: user.email, password }, null, 2)}\n`);
    return { status: "created", email: user.email, password };
  }

  const stored = readStored(credentialsFile);
  const storedMember = stored && members.find((m) => m.email === stored.email.toLowerCase());
  if (stored && storedMember) {
    const user = await prisma.user.findUnique({ where: { id: storedMember.userId } });
    if (user && !user.disabledAt && (await verifyPassword(user.passwordHash, stored.password))) {
      return { status: "stored", email: user.email, password: stored.password };
    }
  }
  const admin = members.find((m) => m.role === "admin");
  return { status: "unknown", email: admin?.email ?? null };
}

/** The dev server's NEXTAUTH_SECRET: generated once, then read from `file`. */
export function ensureDevSecret(file: string): string {
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
  }
  const secret = randomBytes(32).toString("base64url");
  writePrivate(file, `${secret}\n`);
  return secret;
}

/** The line dev.ts prints after "Sign in:". */
export function signInHint(admin: DemoAdmin): string {
  if (admin.status !== "unknown") return `${admin.email} / ${admin.password}`;
  const who = admin.email ?? "<email>";
  return `as an existing member (password not on file; reset: npm run attest -- users reset-password --email ${who})`;
}

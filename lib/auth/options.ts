import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientInfo } from "../audit/actors";
import { recordSignedIn, recordSignedOut, recordSignInFailed } from "../audit/sign-in";
import { prisma } from "../db";
import { log } from "../log";
import { findUserByEmail } from "../users";
import { verifyPassword } from "./passwords";
import { clearFailures, lockedForSeconds, recordFailure, throttleKeys } from "./throttle";

// next-auth v4: credentials for users stored in Postgres, and a generic OIDC provider (Okta,
// Auth0, Entra, Keycloak…) switched on by ATTEST_OIDC_* variables. Sessions are JWTs that
// carry only the user id; role and tenant are read from Postgres on every request, so a role
// change or a removed membership takes effect at once.
//
// Every sign-in, failed sign-in and sign-out is recorded as an x-attest.auth.* event in the
// tenants of the account (lib/audit/sign-in.ts). A successful sign-in that cannot be recorded
// is refused: nobody gets in without a trace.

export const SIGN_IN_PATH = "/sign-in";

function clientAddress(headers: Record<string, unknown> | undefined): string | undefined {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || undefined;
}

const credentials = CredentialsProvider({
  id: "credentials",
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(input, request) {
    const email = String(input?.email ?? "")
      .trim()
      .toLowerCase();
    const password = String(input?.password ?? "");
    if (!email || !password) return null;
    const client = clientInfo(request?.headers);
    const keys = throttleKeys(email, clientAddress(request?.headers));
    const locked = await lockedForSeconds(keys.map((k) => k.key));
    if (locked > 0) {
      const known = await findUserByEmail(email);
      const attempt = { email, method: "password", reason: "locked_out", lockedForSeconds: locked } as const;
      await recordSignInFailed(known ?? null, attempt, client);
      throw new Error(`Too many failed attempts. Try again in ${Math.ceil(locked / 60)} minutes.`);
    }
    const user = await findUserByEmail(email);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok || user.disabledAt) {
      await recordFailure(keys);
      const reason = user && ok ? "disabled" : "wrong_password";
      await recordSignInFailed(user ?? null, { email, method: "password", reason }, client);
      return null;
    }
    await clearFailures(email);
    await recordSignedInOrRefuse(user, "password", client);
    await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    return { id: user.id, email: user.email, name: user.name };
  },
});

async function recordSignedInOrRefuse(
  user: { id: string; email: string; name: string | null },
  method: "password" | "oidc",
  client: ReturnType<typeof clientInfo>,
): Promise<void> {
  try {
    await recordSignedIn(user, method, client);
  } catch (error) {
    log.error({ err: error, userId: user.id }, "sign-in refused: its audit event could not be stored");
    throw new Error("Signing in is unavailable right now; please try again shortly.");
  }
}

function oidcProvider() {
  const issuer = process.env.ATTEST_OIDC_ISSUER;
  const clientId = process.env.ATTEST_OIDC_CLIENT_ID;
  const clientSecret = process.env.ATTEST_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return [];
  return [
    {
      id: "oidc",
      name: process.env.ATTEST_OIDC_NAME || "Single sign-on",
      type: "oauth" as const,
      wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId,
      clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce" as const, "state" as const],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
      },
    },
  ];
}

export const authOptions: NextAuthOptions = {
  providers: [credentials, ...oidcProvider()],
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
  events: {
    async signOut({ token }) {
      const uid = typeof token?.uid === "string" ? token.uid : null;
      const user = uid ? await prisma.user.findUnique({ where: { id: uid } }) : null;
      if (user) await recordSignedOut(user, {});
    },
  },
  callbacks: {
    // OIDC users must already exist (created by an admin or the CLI) and not be disabled.
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified;
      const known = user.email ? await findUserByEmail(user.email) : null;
      if (!user.email || verified === false || !known || known.disabledAt) {
        const reason = known?.disabledAt ? "disabled" : "not_allowed";
        await recordSignInFailed(known, { email: user.email ?? "", method: "oidc", reason }, {});
        return false;
      }
      return true;
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc" && user.email) {
        const known = await findUserByEmail(user.email);
        if (known) {
          // The OIDC callback has no request here; its client address is not known.
          await recordSignedInOrRefuse(known, "oidc", {});
          token.uid = known.id;
          await prisma.user.update({ where: { id: known.id }, data: { lastSignInAt: new Date() } });
        }
      } else if (user) {
        token.uid = user.id;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: typeof token.uid === "string" ? token.uid : undefined };
    },
  },
};

export const oidcEnabled = () => oidcProvider().length > 0;

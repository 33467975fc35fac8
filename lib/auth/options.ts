import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "../db";
import { findUserByEmail } from "../users";
import { verifyPassword } from "./passwords";
import { clearFailures, lockedForSeconds, recordFailure, throttleKeys } from "./throttle";

// next-auth v4: credentials for users stored in Postgres, and a generic OIDC provider (Okta,
// Auth0, Entra, Keycloak…) switched on by ATTEST_OIDC_* variables. Sessions are JWTs that
// carry only the user id; role and tenant are read from Postgres on every request, so a role
// change or a removed membership takes effect at once.

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
    const keys = throttleKeys(email, clientAddress(request?.headers));
    const locked = await lockedForSeconds(keys.map((k) => k.key));
    if (locked > 0) throw new Error(`Too many failed attempts. Try again in ${Math.ceil(locked / 60)} minutes.`);
    const user = await findUserByEmail(email);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok || user.disabledAt) {
      await recordFailure(keys);
      return null;
    }
    await clearFailures(email);
    await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    return { id: user.id, email: user.email, name: user.name };
  },
});

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
  callbacks: {
    // OIDC users must already exist (created by an admin or the CLI) and not be disabled.
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified;
      if (!user.email || verified === false) return false;
      const known = await findUserByEmail(user.email);
      return Boolean(known && !known.disabledAt);
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc" && user.email) {
        const known = await findUserByEmail(user.email);
        if (known) {
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

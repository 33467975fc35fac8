import { vi } from "vitest";

// For tests that call session routes in-process: next-auth's getServerSession answers with the
// user id set here, and next/headers with no cookies and the headers set here. Everything after
// that (memberships, roles, the route's queries) runs for real against Postgres.
// vi.mock factories are hoisted above imports, so load this module inside them:
//   vi.mock("next-auth", async (original) => (await import("./session-mock")).nextAuthMock(original));
//   vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock());

export const session = { uid: null as string | null, headers: new Headers() };

export function signInAs(userId: string | null, headers: Record<string, string> = {}) {
  session.uid = userId;
  session.headers = new Headers(headers);
}

export async function nextAuthMock(importOriginal: () => Promise<unknown>) {
  const original = (await importOriginal()) as Record<string, unknown>;
  return { ...original, getServerSession: vi.fn(async () => (session.uid ? { uid: session.uid } : null)) };
}

export function nextHeadersMock() {
  return {
    cookies: async () => ({ get: () => undefined }),
    headers: async () => session.headers,
  };
}

import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { credentials, sampleIds, signInApi } from "./fixtures";

// The role matrix of every dashboard API route: each role (and a signed-out caller) calls each
// route and gets exactly the status its permission allows. Adding a route is one line in ROUTES.
//   read  (data:read)   200 for every role
//   admin (settings:manage, agents:manage)   200 for admin, 403 for the others
//   signed out          401 everywhere

type Caller = "admin" | "analyst" | "auditor" | "viewer" | "signed out";
const CALLERS: Caller[] = ["admin", "analyst", "auditor", "viewer", "signed out"];

/** Ids the routes need, made or looked up once per worker by the admin. */
type Targets = {
  eventId: string;
  agentId: string;
  viewerUserId: string;
  removableUserId: string;
  keyPrefix: string;
  tokenPrefix: string;
};

type Route = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string | ((t: Targets) => string);
  /** read: every role; rules: admin and analyst (rules:manage, alerts:handle); reports: admin and auditor (reports:export); admin: admin only. */
  access: "read" | "rules" | "reports" | "admin";
  /** What the admin (or, for read routes, every role) gets past the permission check (default 200). */
  ok?: number | number[];
  body?: () => unknown;
};

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const ROUTES: Route[] = [
  { method: "GET", path: "/api/v1/events/search", access: "read" },
  { method: "GET", path: (t) => `/api/v1/events/${encodeURIComponent(t.eventId)}`, access: "read" },
  { method: "GET", path: "/api/v1/agents", access: "read" },
  { method: "GET", path: (t) => `/api/v1/agents/${encodeURIComponent(t.agentId)}`, access: "read" },
  {
    method: "POST",
    path: (t) => `/api/v1/agents/${encodeURIComponent(t.agentId)}/status`,
    access: "admin",
    // Harmless: "active" changes a suspended agent back, and an active one answers 409 "unchanged".
    ok: [200, 409],
    body: () => ({ status: "active", reason: "role matrix" }),
  },
  { method: "POST", path: "/api/session/tenant", access: "read", body: () => ({ slug: "demo" }) },
  { method: "GET", path: "/api/v1/settings/members", access: "admin" },
  {
    method: "POST",
    path: "/api/v1/settings/members",
    access: "admin",
    ok: 201,
    body: () => ({ email: `matrix-${unique()}@e2e.attest.test`, role: "viewer" }),
  },
  {
    method: "PATCH",
    path: (t) => `/api/v1/settings/members/${t.viewerUserId}`,
    access: "admin",
    body: () => ({ role: "viewer" }),
  },
  { method: "DELETE", path: (t) => `/api/v1/settings/members/${t.removableUserId}`, access: "admin" },
  { method: "GET", path: "/api/v1/settings/keys", access: "admin" },
  {
    method: "POST",
    path: "/api/v1/settings/keys",
    access: "admin",
    ok: 201,
    body: () => ({ name: `matrix-${unique()}` }),
  },
  { method: "DELETE", path: (t) => `/api/v1/settings/keys/${t.keyPrefix}`, access: "admin" },
  { method: "GET", path: "/api/v1/settings/tokens", access: "admin" },
  {
    method: "POST",
    path: "/api/v1/settings/tokens",
    access: "admin",
    ok: 201,
    body: () => ({ name: `matrix-${unique()}`, scopes: ["rules:write"] }),
  },
  { method: "DELETE", path: (t) => `/api/v1/settings/tokens/${t.tokenPrefix}`, access: "admin" },
  { method: "GET", path: "/api/v1/settings/destinations", access: "admin" },
  { method: "GET", path: "/api/v1/settings/destinations/deliveries", access: "admin" },
  {
    method: "POST",
    path: "/api/v1/settings/destinations",
    access: "admin",
    ok: 201,
    body: () => ({ name: `matrix-${unique()}`, url: "https://hooks.example.invalid/m", format: "json" }),
  },
  {
    method: "DELETE",
    path: "/api/v1/settings/destinations/00000000-0000-4000-8000-000000000000",
    access: "admin",
    ok: 404,
  },
  { method: "GET", path: "/api/v1/settings/phi-patterns", access: "read" },
  // An invalid list, refused after the permission check: the demo tenant's patterns stay as seeded.
  { method: "PUT", path: "/api/v1/settings/phi-patterns", access: "admin", ok: 400, body: () => ({ patterns: [""] }) },
  { method: "GET", path: "/api/v1/alert-rules", access: "read" },
  { method: "GET", path: "/api/v1/alert-rules/versions", access: "read" },
  // A dry run: the demo tenant's rules stay as seeded.
  { method: "PUT", path: "/api/v1/alert-rules?dryRun=1", access: "rules", body: () => ({ version: 1, rules: [] }) },
  // Version 1 is the seeded demo rule set; restoring the rules in force changes nothing.
  { method: "POST", path: "/api/v1/alert-rules/versions/1/restore", access: "rules" },
  { method: "GET", path: "/api/v1/alerts", access: "read" },
  { method: "GET", path: "/api/v1/alerts/00000000-0000-4000-8000-000000000000", access: "read", ok: 404 },
  {
    method: "POST",
    path: "/api/v1/alerts/00000000-0000-4000-8000-000000000000/actions",
    access: "rules",
    ok: 404,
    body: () => ({ action: "note", body: "matrix" }),
  },
  // One-rule edits: the permission check runs before the (empty) body is read.
  { method: "POST", path: "/api/v1/alert-rules/rules", access: "rules", ok: 400, body: () => ({ rule: {} }) },
  {
    method: "PUT",
    path: "/api/v1/alert-rules/rules/denial-burst",
    access: "rules",
    ok: 400,
    body: () => ({ rule: {} }),
  },
  { method: "PATCH", path: "/api/v1/alert-rules/rules/denial-burst", access: "rules", body: () => ({ enabled: true }) },
  { method: "DELETE", path: "/api/v1/alert-rules/rules/no-such-rule", access: "rules", ok: 404 },
  {
    method: "POST",
    path: "/api/v1/alert-rules/test",
    access: "rules",
    ok: 400,
    body: () => ({ rule: {}, range: "24h" }),
  },
  { method: "GET", path: "/api/v1/reports", access: "reports" },
  // The permission check runs before the body is validated: no export is queued.
  {
    method: "POST",
    path: "/api/v1/reports",
    access: "reports",
    ok: 400,
    body: () => ({ framework: "pci", formats: [] }),
  },
  { method: "GET", path: "/api/v1/reports/00000000-0000-4000-8000-000000000000", access: "reports", ok: 404 },
  {
    method: "GET",
    path: "/api/v1/reports/00000000-0000-4000-8000-000000000000/files/report.pdf",
    access: "reports",
    ok: 404,
  },
  // integrity:verify is granted to the same roles as reports:export (admin, auditor).
  { method: "GET", path: "/api/v1/integrity/verify?fromSeq=1&toSeq=20", access: "reports" },
  { method: "GET", path: "/api/v1/integrity/checkpoints", access: "read" },
  { method: "GET", path: "/api/v1/integrity/verifications", access: "read" },
];

function expectedStatuses(route: Route, caller: Caller): number[] {
  if (caller === "signed out") return [401];
  if (route.access === "admin" && caller !== "admin") return [403];
  if (route.access === "rules" && caller !== "admin" && caller !== "analyst") return [403];
  if (route.access === "reports" && caller !== "admin" && caller !== "auditor") return [403];
  return [route.ok ?? 200].flat();
}

async function makeTargets(baseURL: string): Promise<Targets> {
  const admin = await request.newContext({ baseURL });
  await signInApi(admin, "admin");
  const members = (await (await admin.get("/api/v1/settings/members")).json()) as {
    members: { userId: string; email: string }[];
  };
  const viewer = members.members.find((m) => m.email === credentials("viewer").email);
  const removable = await admin.post("/api/v1/settings/members", {
    data: { email: `removable-${unique()}@e2e.attest.test`, role: "viewer" },
  });
  const key = await admin.post("/api/v1/settings/keys", { data: { name: `matrix-revocable-${unique()}` } });
  const token = await admin.post("/api/v1/settings/tokens", {
    data: { name: `matrix-revocable-${unique()}`, scopes: ["rules:write"] },
  });
  expect(removable.status()).toBe(201);
  expect(key.status()).toBe(201);
  expect(token.status()).toBe(201);
  const targets = {
    ...(await sampleIds("demo")),
    viewerUserId: viewer?.userId as string,
    removableUserId: ((await removable.json()) as { member: { userId: string } }).member.userId,
    keyPrefix: ((await key.json()) as { key: { prefix: string } }).key.prefix,
    tokenPrefix: ((await token.json()) as { token: { prefix: string } }).token.prefix,
  };
  await admin.dispose();
  return targets;
}

function call(api: APIRequestContext, route: Route, targets: Targets) {
  const url = typeof route.path === "function" ? route.path(targets) : route.path;
  const data = route.body?.();
  return api.fetch(url, { method: route.method, ...(data === undefined ? {} : { data }) });
}

const PLACEHOLDERS: Targets = {
  eventId: ":eventId",
  agentId: ":agentId",
  viewerUserId: ":userId",
  removableUserId: ":userId",
  keyPrefix: ":prefix",
  tokenPrefix: ":prefix",
};
const label = (route: Route) =>
  `${route.method} ${decodeURIComponent(typeof route.path === "string" ? route.path : route.path(PLACEHOLDERS))}`;

for (const caller of CALLERS) {
  test.describe(`as ${caller}`, () => {
    let api: APIRequestContext;
    let targets: Targets;

    test.beforeAll(async ({ baseURL }) => {
      targets = await makeTargets(baseURL as string);
      api = await request.newContext({ baseURL });
      if (caller !== "signed out") await signInApi(api, caller);
    });
    test.afterAll(() => api?.dispose());

    for (const route of ROUTES) {
      const expected = expectedStatuses(route, caller);
      test(`${label(route)} → ${expected.join(" or ")}`, async () => {
        const response = await call(api, route, targets);
        expect(expected, `${response.status()} ${await response.text()}`).toContain(response.status());
        if (response.status() === 401 || response.status() === 403) {
          const body = (await response.json()) as { error?: { code?: string } };
          expect(body.error?.code).toBe(response.status() === 401 ? "unauthorized" : "forbidden");
        }
      });
    }
  });
}

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as EVENT } from "@/app/api/v1/events/[eventId]/route";
import { GET as SEARCH } from "@/app/api/v1/events/search/route";
import type { Role } from "../auth/roles";
import { disconnectDb, prisma } from "../db";
import { parseEventFilters } from "../filters/event-filters";
import { createIngestKey } from "../keys/ingest-keys";
import { eventById } from "../queries/event-by-id";
import { eventsPage } from "../queries/events-page";
import { eventsAfter } from "../queries/events-tail";
import { event, postEvents } from "../testing/fixtures";
import { recordSelfAudit } from "./record";
import { signInAs } from "./session-mock";
import { tenantWithPeople } from "./testing";
import { eventVisibility } from "./visibility";

// Self-audit events are for admins and auditors only. For analysts and viewers they are absent
// everywhere events are read: explorer pages, the live tail, event detail (404 as if unknown),
// and the event APIs, even when asked for by type or by id.

vi.mock("next-auth", async (original) => (await import("./session-mock")).nextAuthMock(original));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock());

const ROLES: Role[] = ["admin", "analyst", "auditor", "viewer"];
const SEES: Record<Role, boolean> = { admin: true, auditor: true, analyst: false, viewer: false };

let setup: Awaited<ReturnType<typeof tenantWithPeople>>;
let auditId: string;
let senderId: string;

beforeAll(async () => {
  setup = await tenantWithPeople("visibility");
  const { key } = await createIngestKey(setup.tenant.id, "test");
  const sent = event({ time: new Date().toISOString() });
  senderId = sent.id;
  expect((await postEvents(key, [sent])).status).toBe(200);
  auditId = await recordSelfAudit(setup.tenant.id, {
    type: "x-attest.ingest_key.created",
    actor: { type: "user", id: setup.people.admin.email },
    target: { type: "x-ingest-key", id: "attest_abcd1234", name: "gateway" },
  });
});

afterAll(() => disconnectDb());

const filters = (query = "") => parseEventFilters(new URLSearchParams(`range=24h&${query}`));

async function api(role: Role, path: string, handler: typeof SEARCH, params: Record<string, string> = {}) {
  signInAs(setup.people[role].id);
  const response = await handler(new Request(`http://attest.test${path}`), { params: Promise.resolve(params) });
  return { status: response.status, body: await response.json() };
}

describe("who sees the dashboard's audit trail", () => {
  it.each(ROLES)("%s: explorer page, live tail and detail", async (role) => {
    const visibility = eventVisibility(role);
    expect(visibility.selfAudit).toBe(SEES[role]);
    const page = await eventsPage(setup.tenant.id, filters(), { visibility });
    const ids = page.events.map((e) => e.eventId);
    expect(ids).toContain(senderId);
    expect(ids.includes(auditId)).toBe(SEES[role]);
    const tail = await eventsAfter(setup.tenant.id, filters(), 0n, visibility);
    expect(tail.some((e) => e.eventId === auditId)).toBe(SEES[role]);
    expect((await eventById(setup.tenant.id, auditId, visibility)) !== null).toBe(SEES[role]);
    expect(await eventById(setup.tenant.id, senderId, visibility)).not.toBeNull();
  });

  it.each(ROLES)("%s: the event APIs, by prefix, by exact type and by id", async (role) => {
    const prefix = await api(role, "/api/v1/events/search?range=24h&type=x-attest.*", SEARCH);
    expect(prefix.status).toBe(200);
    expect(prefix.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(SEES[role] ? [auditId] : []);
    const exact = await api(role, "/api/v1/events/search?range=24h&type=x-attest.ingest_key.created", SEARCH);
    expect(exact.body.events.length).toBe(SEES[role] ? 1 : 0);
    const tail = await api(role, "/api/v1/events/search?range=24h&after=0", SEARCH);
    expect(tail.body.events.some((e: { eventId: string }) => e.eventId === auditId)).toBe(SEES[role]);
    const detail = await api(role, `/api/v1/events/${auditId}`, EVENT, { eventId: auditId });
    expect(detail.status).toBe(SEES[role] ? 200 : 404);
    if (!SEES[role]) expect(detail.body).toEqual({ error: { code: "not_found", message: "No such event." } });
  });

  it("dashboard accounts do not enter the people registry that every role sees", async () => {
    const humans = await prisma.humanPrincipal.findMany({ where: { tenantId: setup.tenant.id } });
    expect(humans.map((h) => h.userId)).not.toContain(setup.people.admin.email);
  });

  it("the prefix filter finds only x-attest.* events, and mixes with exact types", () => {
    expect(filters("type=x-attest.*").types).toEqual(["x-attest.*"]);
    return Promise.all([
      eventsPage(setup.tenant.id, filters("type=x-attest.*"), { visibility: { selfAudit: true } }),
      eventsPage(setup.tenant.id, filters("type=x-attest.*,mcp.tool.called"), { visibility: { selfAudit: true } }),
      eventsPage(setup.tenant.id, filters("type=x-attest_*"), { visibility: { selfAudit: true } }),
    ]).then(([only, mixed, literal]) => {
      expect(only.events.map((e) => e.eventId)).toEqual([auditId]);
      expect(mixed.events.map((e) => e.eventId).sort()).toEqual([auditId, senderId].sort());
      // `_` is literal in a prefix, not a LIKE wildcard.
      expect(literal.events).toEqual([]);
    });
  });
});

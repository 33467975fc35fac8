import { describe, expect, it } from "vitest";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { listAgents, parseAgentListParams } from "./agents-list";

async function registry() {
  const { tenant, key } = await tenantWithKey();
  await postEvents(key, [
    event({
      actor: { type: "agent", id: "billing-bot", name: "Billing Copilot" },
      client: { id: "c-1", kind: "ai_agent", registration: "dynamic" },
      time: "2026-11-20T10:00:00Z",
    }),
    event({ actor: { type: "agent", id: "billing-bot" }, time: "2026-11-20T12:00:00Z" }),
    event({ actor: { type: "agent", id: "billing-bot" }, time: "2026-11-20T13:00:00Z" }),
    event({
      actor: { type: "agent", id: "zeta-reader", name: "Alpha Reader" },
      client: { id: "https://r.example/cimd.json", kind: "ai_agent", registration: "metadata_document" },
      time: "2026-11-18T10:00:00Z",
    }),
    event({
      actor: { type: "agent", id: "desk" },
      client: { id: "c-desk", kind: "human_app", registration: "pre_registered" },
      time: "2026-11-21T10:00:00Z",
    }),
    event({ actor: { type: "service", id: "cron" }, time: "2026-11-19T10:00:00Z" }),
    event({
      type: "agent.suspended",
      actor: { type: "user", id: "admin" },
      target: { type: "agent", id: "zeta-reader" },
      time: "2026-11-20T00:00:00Z",
    }),
  ]);
  return tenant.id;
}

const ids = (list: { agents: { agentId: string }[] }) => list.agents.map((a) => a.agentId);

describe("listAgents", () => {
  it("sorts by last seen, first seen, events and name", async () => {
    const tenantId = await registry();
    expect(ids(await listAgents(tenantId))).toEqual(["desk", "billing-bot", "zeta-reader", "cron"]);
    expect(ids(await listAgents(tenantId, { sort: "first_seen" }))).toEqual([
      "desk",
      "billing-bot",
      "cron",
      "zeta-reader",
    ]);
    const byEvents = await listAgents(tenantId, { sort: "events" });
    expect(byEvents.agents[0]).toMatchObject({ agentId: "billing-bot", events: 3 });
    // Named agents by name first (Alpha Reader, Billing Copilot), then unnamed ones by id.
    expect(ids(await listAgents(tenantId, { sort: "name" }))).toEqual(["zeta-reader", "billing-bot", "cron", "desk"]);
  });

  it("filters by kind, registration, status and searches id or name", async () => {
    const tenantId = await registry();
    expect(ids(await listAgents(tenantId, { kind: "human_app" }))).toEqual(["desk"]);
    expect(ids(await listAgents(tenantId, { kind: "service" }))).toEqual(["cron"]);
    expect(ids(await listAgents(tenantId, { registration: "metadata_document" }))).toEqual(["zeta-reader"]);
    expect(ids(await listAgents(tenantId, { registration: "dynamic" }))).toEqual(["billing-bot"]);
    expect(ids(await listAgents(tenantId, { status: "suspended" }))).toEqual(["zeta-reader"]);
    expect((await listAgents(tenantId, { status: "active" })).total).toBe(3);
    expect(ids(await listAgents(tenantId, { q: "COPILOT" }))).toEqual(["billing-bot"]);
    expect(ids(await listAgents(tenantId, { q: "zeta" }))).toEqual(["zeta-reader"]);
    expect(ids(await listAgents(tenantId, { q: "nobody" }))).toEqual([]);
  });

  it("lists only the tenant's own agents", async () => {
    await registry();
    const { tenant } = await tenantWithKey();
    expect(await listAgents(tenant.id)).toMatchObject({ agents: [], total: 0 });
  });

  it("reads its parameters from a URL, ignoring values it does not know", () => {
    const parsed = parseAgentListParams(
      new URLSearchParams("q=%20bot%20&kind=human_app&registration=bogus&status=suspended&sort=nope&page=-3"),
    );
    expect(parsed).toEqual({ q: "bot", kind: "human_app", status: "suspended", sort: "last_seen", page: 1 });
    expect(parseAgentListParams(new URLSearchParams("sort=events&page=2"))).toMatchObject({ sort: "events", page: 2 });
  });
});

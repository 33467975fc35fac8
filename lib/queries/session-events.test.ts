import { describe, expect, it } from "vitest";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import {
  groupByMcpSession,
  listSessions,
  sessionEvents,
  sessionHref,
  sessionKeyFromParam,
  sessionSummary,
} from "./session-events";

const alice = { type: "user", id: "u-alice", name: "Alice Ng" };

// One human session used by a stateful client (two MCP sessions) and a stateless one, plus a
// consent given in the browser (no MCP at all) and events of another session of the same user.
function sessionStory() {
  const call = (time: string, agent: string, mcp: Record<string, string> | undefined, extra = {}) =>
    event({
      time,
      actor: { type: "agent", id: agent },
      onBehalfOf: alice,
      session: { id: "s-1" },
      client: { id: `client-${agent}`, kind: "ai_agent" },
      correlationId: `req-${time}`,
      ...(mcp ? { mcp } : {}),
      ...extra,
    });
  return [
    event({
      type: "consent.granted",
      time: "2026-11-20T09:00:00Z",
      actor: alice,
      session: { id: "s-1" },
      target: { type: "consent", id: "c-1" },
      consent: { id: "c-1", scopes: ["crm:read"] },
    }),
    call("2026-11-20T09:01:00Z", "desk-bot", {
      method: "tools/call",
      protocolVersion: "2025-11-25",
      sessionId: "mcp-a",
    }),
    call("2026-11-20T09:02:00Z", "desk-bot", {
      method: "tools/call",
      protocolVersion: "2025-11-25",
      sessionId: "mcp-a",
    }),
    call("2026-11-20T09:03:00Z", "lite-bot", { method: "tools/call", protocolVersion: "2026-07-28" }),
    call("2026-11-20T09:04:00Z", "desk-bot", {
      method: "tools/call",
      protocolVersion: "2025-11-25",
      sessionId: "mcp-b",
    }),
    call("2026-11-20T09:05:00Z", "lite-bot", { method: "tools/call", protocolVersion: "2026-07-28" }),
    // Same user, another session: not part of s-1.
    event({
      time: "2026-11-20T09:03:30Z",
      actor: { type: "agent", id: "desk-bot" },
      onBehalfOf: alice,
      session: { id: "s-2" },
    }),
  ];
}

describe("session events", () => {
  it("lists a session's events in time order, stateful and stateless alike, grouped by MCP session", async () => {
    const { tenant, key } = await tenantWithKey();
    expect((await postEvents(key, sessionStory())).status).toBe(200);

    const summary = await sessionSummary(tenant.id, "u-alice:s-1");
    expect(summary).toMatchObject({
      userId: "u-alice",
      userName: "Alice Ng",
      sessionId: "s-1",
      events: 6,
      firstSeen: new Date("2026-11-20T09:00:00Z"),
      lastSeen: new Date("2026-11-20T09:05:00Z"),
    });
    expect([...(summary?.mcpSessionIds ?? [])].sort()).toEqual(["mcp-a", "mcp-b"]);
    expect([...(summary?.agentIds ?? [])].sort()).toEqual(["desk-bot", "lite-bot"]);

    const { events, truncated } = await sessionEvents(tenant.id, "u-alice:s-1");
    expect(truncated).toBe(false);
    expect(events.map((e) => [e.time.toISOString().slice(11, 16), e.mcpSessionId, e.isMcp])).toEqual([
      ["09:00", null, false],
      ["09:01", "mcp-a", true],
      ["09:02", "mcp-a", true],
      ["09:03", null, true],
      ["09:04", "mcp-b", true],
      ["09:05", null, true],
    ]);
    expect(events[3]).toMatchObject({
      agentId: "lite-bot",
      mcpProtocolVersion: "2026-07-28",
      correlationId: "req-2026-11-20T09:03:00Z",
    });

    expect(groupByMcpSession(events).map((g) => [g.mcpSessionId, g.events, g.agentIds])).toEqual([
      ["mcp-a", 2, ["desk-bot"]],
      ["mcp-b", 1, ["desk-bot"]],
      [null, 2, ["lite-bot"]],
    ]);
  });

  it("caps the events and says so", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, sessionStory());
    const capped = await sessionEvents(tenant.id, "u-alice:s-1", 4);
    expect(capped.truncated).toBe(true);
    expect(capped.events).toHaveLength(4);
  });

  it("never returns another tenant's session with the same key", async () => {
    const mine = await tenantWithKey();
    const other = await tenantWithKey();
    await postEvents(other.key, sessionStory());
    await postEvents(mine.key, [
      event({
        time: "2026-11-20T09:02:30Z",
        actor: { type: "agent", id: "mine-bot" },
        onBehalfOf: alice,
        session: { id: "s-1" },
      }),
    ]);
    const summary = await sessionSummary(mine.tenant.id, "u-alice:s-1");
    expect(summary?.agentIds).toEqual(["mine-bot"]);
    const { events } = await sessionEvents(mine.tenant.id, "u-alice:s-1");
    expect(events.map((e) => e.agentId)).toEqual(["mine-bot"]);
    const stranger = await tenantWithKey();
    expect(await sessionSummary(stranger.tenant.id, "u-alice:s-1")).toBeNull();
  });

  it("lists recent sessions, optionally for one user", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [
      ...sessionStory(),
      event({
        time: "2026-11-20T12:00:00Z",
        actor: { type: "agent", id: "hr-bot" },
        onBehalfOf: { type: "user", id: "u-bob" },
        session: { id: "s-9" },
      }),
    ]);
    const all = await listSessions(tenant.id);
    expect(all.sessions.map((s) => s.sessionKey)).toEqual(["u-bob:s-9", "u-alice:s-1", "u-alice:s-2"]);
    expect(all.hasMore).toBe(false);
    const alices = await listSessions(tenant.id, { user: "u-alice" });
    expect(alices.sessions.map((s) => [s.sessionKey, s.userName, s.events])).toEqual([
      ["u-alice:s-1", "Alice Ng", 6],
      ["u-alice:s-2", "Alice Ng", 1],
    ]);
    expect((await listSessions(tenant.id, { user: "nobody" })).sessions).toEqual([]);
  });

  it("round-trips keys through the URL", () => {
    const key = "user@example.com:sess/1 %";
    expect(sessionHref(key)).toBe("/sessions/user%40example.com%3Asess%2F1%20%25");
    expect(sessionKeyFromParam(sessionHref(key).slice("/sessions/".length))).toBe(key);
    expect(sessionKeyFromParam("%E0%A4%A")).toBeNull();
  });
});

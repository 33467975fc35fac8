import { describe, expect, it } from "vitest";
import { validateEvent } from "./validate";

// Every field rule of contract v1, checked one at a time against a valid base event.
const base = {
  id: "evt-1",
  type: "mcp.tool.called",
  time: "2026-11-20T10:00:00.000Z",
  actor: { type: "agent", id: "billing-bot" },
};

function errorsOf(overrides: Record<string, unknown>) {
  const result = validateEvent({ ...base, ...overrides });
  return result.ok ? [] : result.errors;
}

const paths = (overrides: Record<string, unknown>) => errorsOf(overrides).map((e) => e.path);

describe("contract field rules", () => {
  it("accepts the minimal event and defaults outcome to success", () => {
    const result = validateEvent(base);
    expect(result.ok && result.event.outcome).toBe("success");
  });

  it.each([
    [{ id: "" }, "id"],
    [{ id: "x".repeat(129) }, "id"],
    [{ id: "has space" }, "id"],
    [{ id: "slash/no" }, "id"],
    [{ id: 42 }, "id"],
    [{ type: "made.up" }, "type"],
    [{ type: "x-Vendor.name" }, "type"],
    [{ type: undefined }, "type"],
    [{ time: "2026-11-20T10:00:00" }, "time"],
    [{ time: "yesterday" }, "time"],
    [{ time: "2026-13-40T10:00:00Z" }, "time"],
    [{ time: new Date(Date.now() + 25 * 3600_000).toISOString() }, "time"],
    [{ outcome: "ok" }, "outcome"],
    [{ outcome: "failure" }, "reason"],
    [{ reason: "r".repeat(1025) }, "reason"],
    [{ actor: undefined }, "actor"],
    [{ actor: { type: "robot", id: "a" } }, "actor.type"],
    [{ actor: { type: "agent", id: "" } }, "actor.id"],
    [{ actor: { type: "agent", id: "a".repeat(257) } }, "actor.id"],
    [{ actor: { type: "agent", id: "a", name: "n".repeat(257) } }, "actor.name"],
    [{ onBehalfOf: { type: "user" } }, "onBehalfOf.id"],
    [{ delegation: [{ type: "user", id: "u" }] }, "delegation[0]"],
    [
      {
        delegation: [
          { type: "user", id: "u", scopes: "a b" },
          { type: "agent", id: "billing-bot" },
        ],
      },
      "delegation[0].scopes",
    ],
    [{ act: { sub: "someone-else" } }, "act.sub"],
    [{ session: { id: "" } }, "session.id"],
    [{ client: { id: "c" } }, "client.kind"],
    [{ client: { id: "c", kind: "ai_agent", registration: "magic" } }, "client.registration"],
    [{ client: { id: "c", kind: "ai_agent", metadataUrl: "not a url" } }, "client.metadataUrl"],
    [{ correlationId: "c".repeat(129) }, "correlationId"],
    [{ trace: { traceId: "4BF92F3577B34DA6A3CE929D0E0E4736", spanId: "00f067aa0ba902b7" } }, "trace.traceId"],
    [{ trace: { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902" } }, "trace.spanId"],
    [
      { trace: { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", parentSpanId: "x" } },
      "trace.parentSpanId",
    ],
    [{ trace: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7" }, "trace"],
    [{ trace: "00-00000000000000000000000000000000-00f067aa0ba902b7-01" }, "trace"],
    [{ target: { type: "spaceship", id: "t" } }, "target.type"],
    [{ target: { type: "tool" } }, "target.id"],
    [{ resource: "mcp.example.com" }, "resource"],
    [{ resource: "https://mcp.example.com/#frag" }, "resource"],
    [{ scopes: ["ok", ""] }, "scopes[1]"],
    [{ type: "policy.evaluated" }, "policy"],
    [{ type: "policy.evaluated", policy: { id: "p", decision: "maybe" } }, "policy.decision"],
    [{ type: "consent.granted" }, "consent"],
    [{ type: "consent.granted", consent: { id: "c", expiresAt: "soon" } }, "consent.expiresAt"],
    [{ type: "token.issued" }, "token"],
    [{ type: "approval.granted" }, "approval"],
    [{ type: "approval.granted", approval: { id: "a", approver: { type: "user" } } }, "approval.approver.id"],
    [{ mcp: { sessionId: 7 } }, "mcp.sessionId"],
    [{ source: { ip: "999.1.1.1" } }, "source.ip"],
    [{ attributes: [1, 2] }, "attributes"],
    [{ attributes: { blob: "x".repeat(17 * 1024) } }, "attributes"],
  ])("rejects %j at %s", (overrides, path) => {
    expect(paths(overrides)).toContain(path);
  });

  it.each([
    [{ type: "x-acme.payment.flagged" }],
    [{ outcome: "denied", reason: "policy" }],
    [{ time: "2026-11-20T12:00:00.123456+02:00" }],
    [{ trace: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" }],
    [{ traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" }],
    [{ target: { type: "x-ticket", id: "T-1" } }],
    [{ type: "policy.evaluated", policy: { id: "p", version: 7, decision: "allow" } }],
    [
      {
        type: "token.rejected",
        outcome: "failure",
        reason: "cross_tenant",
        token: { tenant: "other", audience: ["a", "b"] },
      },
    ],
    [
      {
        client: {
          id: "https://agent.example/meta.json",
          kind: "ai_agent",
          registration: "metadata_document",
          metadataUrl: "https://agent.example/meta.json",
        },
      },
    ],
    [{ act: { sub: "billing-bot", act: { sub: "planner", iss: "https://as.example" } } }],
    [{ source: { ip: "2001:db8::1", userAgent: "sdk/1.0", service: "gateway" } }],
  ])("accepts %j", (overrides) => {
    expect(errorsOf(overrides)).toEqual([]);
  });

  it("reports unknown fields in strict places by their path", () => {
    expect(paths({ actorId: "x" })).toEqual(["actorId"]);
    expect(paths({ actor: { type: "agent", id: "a", role: "admin" } })).toEqual(["actor.role"]);
    expect(
      paths({ trace: { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", sampled: true } }),
    ).toEqual(["trace.sampled"]);
  });

  it("refuses trace and traceparent together", () => {
    const trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    expect(paths({ trace, traceparent: trace })).toEqual(["traceparent"]);
  });
});

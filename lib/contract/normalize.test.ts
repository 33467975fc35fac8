import { describe, expect, it } from "vitest";
import { eventSchema } from "./event-schema";
import { delegationFromAct, normalizeEvent, parseTraceparent } from "./normalize";

const parse = (value: unknown) => normalizeEvent(eventSchema.parse(value));
const base = { type: "mcp.tool.called", time: "2026-11-20T10:00:00Z", actor: { type: "agent", id: "billing-bot" } };

describe("normalization", () => {
  it("turns a traceparent into trace ids, keeping the flags", () => {
    expect(parseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).toEqual({
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba902b7",
      flags: "01",
    });
    const event = parse({ ...base, traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" });
    expect(event.trace?.spanId).toBe("00f067aa0ba902b7");
    expect(event).not.toHaveProperty("traceparent");
  });

  it("reverses an RFC 8693 act chain into a delegation from the human to the actor", () => {
    const act = {
      sub: "billing-bot",
      scope: "payments:write",
      act: { sub: "planner", scopes: ["payments:write", "payments:read"] },
    };
    const event = parse({ ...base, onBehalfOf: { type: "user", id: "u-42", name: "User 42" }, act });
    expect(event.delegation).toEqual([
      { type: "user", id: "u-42", name: "User 42" },
      { type: "agent", id: "planner", scopes: ["payments:write", "payments:read"] },
      { type: "agent", id: "billing-bot", scopes: ["payments:write"] },
    ]);
    expect(event.act).toEqual(act);
  });

  it("keeps unknown JWT claims of act and honours a hop's declared type", () => {
    const chain = delegationFromAct(
      { sub: "svc", type: "service", act: { sub: "u-1", type: "user", iss: "https://idp.example" } } as never,
      { type: "service", id: "svc" },
    );
    expect(chain).toEqual([
      { type: "user", id: "u-1" },
      { type: "service", id: "svc" },
    ]);
  });

  it("prefers an explicit delegation over act", () => {
    const delegation = [
      { type: "user", id: "u" },
      { type: "agent", id: "billing-bot" },
    ];
    expect(parse({ ...base, delegation, act: { sub: "billing-bot" } }).delegation).toEqual(delegation);
  });

  it("gives id-less events a server id", () => {
    expect(parse(base).id).toMatch(/^srv-/);
    expect(parse({ ...base, id: "mine" }).id).toBe("mine");
  });
});

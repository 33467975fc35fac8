import { describe, expect, it } from "vitest";
import { eventSchema } from "@/lib/contract/event-schema";
import { normalizeEvent } from "@/lib/contract/normalize";
import { type DemoEvent, generateDemoBatches, generateDemoEvents } from "./index";

const NOW = "2026-11-28T12:00:00.000Z";
const events = generateDemoEvents({ seed: 7, now: NOW });

const byCorrelation = new Map<string, DemoEvent[]>();
for (const event of events) {
  if (!event.correlationId) continue;
  const list = byCorrelation.get(event.correlationId) ?? [];
  list.push(event);
  byCorrelation.set(event.correlationId, list);
}

describe("demo generator", () => {
  it("is deterministic per seed and differs across seeds", () => {
    expect(JSON.stringify(generateDemoEvents({ seed: 7, now: NOW }))).toBe(JSON.stringify(events));
    const other = generateDemoEvents({ seed: 8, now: NOW });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(events));
    expect(other[0]?.id).toMatch(/^demo-8-\d+$/);
  });

  it("yields the same events in batches as in one array", () => {
    const batches = [...generateDemoBatches({ seed: 7, now: NOW, count: 3_000, batchSize: 700 })];
    expect(batches.map((b) => b.length)).toEqual([700, 700, 700, 700, 200]);
    expect(JSON.stringify(batches.flat())).toBe(JSON.stringify(events));
  });

  it("emits exactly `count` events, sorted by time, inside the window", () => {
    expect(events).toHaveLength(3_000);
    const start = Date.parse(NOW) - 7 * 24 * 60 * 60 * 1000;
    for (let i = 0; i < events.length; i++) {
      const time = Date.parse((events[i] as DemoEvent).time);
      expect(time).toBeGreaterThanOrEqual(start);
      expect(time).toBeLessThan(Date.parse(NOW));
      if (i > 0) expect(time).toBeGreaterThanOrEqual(Date.parse((events[i - 1] as DemoEvent).time));
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(generateDemoEvents({ seed: 1, now: NOW, count: 137 })).toHaveLength(137);
  });

  it("emits only events the collector contract accepts", () => {
    for (const event of events) {
      const parsed = eventSchema.safeParse(event);
      if (!parsed.success) throw new Error(`${event.id} ${event.type}: ${JSON.stringify(parsed.error.issues)}`);
      expect(event.id).toMatch(/^demo-7-\d+$/);
    }
  });

  it("models about 20 agents, 50 people, and all three registration styles", () => {
    const registered = events.filter((e) => e.type === "client.registered").map((e) => e.client);
    expect(registered.length).toBeGreaterThanOrEqual(18);
    const styles = new Set(registered.map((c) => c?.registration));
    expect(styles).toEqual(new Set(["dynamic", "metadata_document", "pre_registered"]));
    for (const client of registered.filter((c) => c?.registration === "metadata_document")) {
      expect(client?.id).toBe(client?.metadataUrl);
      expect(client?.id).toMatch(/^https:\/\//);
    }
    expect(new Set(registered.map((c) => c?.kind))).toEqual(new Set(["ai_agent", "human_app", "service"]));
    const users = new Set(events.filter((e) => e.type === "auth.login").map((e) => e.actor.id));
    expect(users.size).toBeGreaterThanOrEqual(35);
  });

  it("keeps MCP session ids for stateful clients only", () => {
    const calls = events.filter((e) => e.type === "mcp.tool.called");
    const stateless = calls.filter((e) => e.mcp?.protocolVersion === "2026-07-28");
    expect(stateless.length).toBeGreaterThan(0);
    expect(stateless.every((e) => e.mcp?.sessionId === undefined)).toBe(true);
    expect(calls.some((e) => e.mcp?.sessionId)).toBe(true);
    expect(events.some((e) => e.traceparent)).toBe(true);
  });

  it("ties each request together with one correlation id and one trace", () => {
    for (const group of byCorrelation.values()) {
      const traceIds = new Set(group.map((e) => normalizeEvent(eventSchema.parse(e)).trace?.traceId));
      expect(traceIds.size).toBe(1);
    }
  });

  it("routes refunds over $10,000 through approval, calling Stripe only when granted, bar two scripted faults", () => {
    const outcomes = new Set<string>();
    const faults: string[] = [];
    for (const group of byCorrelation.values()) {
      const call = group.find((e) => e.type === "mcp.tool.called" && e.target?.id === "stripe.refund");
      const amount = Number(call?.attributes?.amount);
      if (!call || !(amount > 10_000)) continue;
      const downstream = group.find((e) => e.type === "downstream.called");
      if (group.find((e) => e.type === "policy.evaluated")?.policy?.decision === "allow") {
        // The misconfigured policy: the refund ran and nobody was asked.
        expect(group.some((e) => e.type.startsWith("approval."))).toBe(false);
        expect(downstream).toBeDefined();
        faults.push("unapproved");
        continue;
      }
      expect(group.some((e) => e.type === "approval.requested")).toBe(true);
      const decision = group.find((e) => /^approval\.(granted|denied|expired)$/.test(e.type));
      if (!decision) continue;
      outcomes.add(decision.type);
      expect(!!downstream).toBe(decision.type === "approval.granted");
      if (decision.type === "approval.granted") expect(decision.approval?.approver?.type).toBe("user");
      // The faulty MCP server: Stripe was called before the approval came back.
      if (downstream && downstream.time < decision.time) faults.push("raced");
    }
    expect(outcomes).toContain("approval.granted");
    expect(outcomes).toContain("approval.denied");
    expect(faults.sort()).toEqual(["raced", "unapproved"]);
  });

  it("rejects tokens for being expired and for belonging to another tenant", () => {
    const rejected = events.filter((e) => e.type === "token.rejected");
    expect(rejected.some((e) => e.reason === "expired")).toBe(true);
    const crossTenant = rejected.filter((e) => e.reason === "cross_tenant");
    expect(crossTenant.length).toBeGreaterThan(0);
    for (const e of crossTenant) expect(e.token?.tenant).not.toBe("demo");
  });

  it("contains a burst of 8+ denials for one agent within two minutes", () => {
    const agentOf = (e: DemoEvent) => (e.attributes?.input as { agent?: string } | undefined)?.agent;
    const denials = events.filter((e) => e.type === "policy.evaluated" && e.policy?.decision === "deny");
    const burst = denials.some((first, i) => {
      const agent = agentOf(first);
      const end = Date.parse(first.time) + 120_000;
      const inWindow = denials.slice(i).filter((e) => Date.parse(e.time) <= end && agentOf(e) === agent);
      return inWindow.length >= 8;
    });
    expect(burst).toBe(true);
  });

  it("contains a tool call made after its consent was revoked", () => {
    const after = events
      .filter((e) => e.type === "consent.revoked")
      .some((revoked) => {
        const regranted = (e: DemoEvent) =>
          e.type === "consent.granted" && e.actor.id === revoked.actor.id && e.client?.id === revoked.client?.id;
        const later = events.filter((e) => e.time > revoked.time);
        const firstRegrant = later.find(regranted)?.time ?? "9999";
        return later.some(
          (e) =>
            e.type === "mcp.tool.called" &&
            e.onBehalfOf?.id === revoked.actor.id &&
            e.client?.id === revoked.client?.id &&
            e.time < firstRegrant,
        );
      });
    expect(after).toBe(true);
  });

  it("delegates over two and three hops with narrowing scopes, in both delegation and act form", () => {
    const delegated = events.filter((e) => e.type === "mcp.tool.called" && (e.delegation || e.act));
    const chains = delegated.map((e) => normalizeEvent(eventSchema.parse(e)).delegation ?? []);
    expect(chains.some((c) => c.length === 3)).toBe(true);
    expect(chains.some((c) => c.length === 4)).toBe(true);
    expect(delegated.some((e) => e.act)).toBe(true);
    const escalated: string[][] = [];
    for (const event of delegated.filter((e) => e.delegation)) {
      const hops = event.delegation ?? [];
      expect(hops[0]?.type).toBe("user");
      expect(hops.at(-1)?.id).toBe(event.actor.id);
      for (let i = 1; i < hops.length; i++) {
        const wider = new Set(hops[i - 1]?.scopes);
        const extra = hops[i]?.scopes?.filter((s) => !wider.has(s)) ?? [];
        if (extra.length) escalated.push([hops.length - 1, i, ...extra].map(String));
      }
    }
    // Exactly one scripted escalation: the last of three agent hops gains an admin scope.
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.slice(0, 2)).toEqual(["3", "3"]);
    expect(escalated[0]?.[2]).toMatch(/:admin$/);
    expect(events.some((e) => e.type === "token.exchanged")).toBe(true);
  });
});

import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { detectorRule, evaluate } from "@/lib/alerts/engine/detectors/testing";
import { correlationEvents, flagsForEvents } from "@/lib/flags/load";
import { consentHistory } from "@/lib/queries/consent-history";
import { delegationOverview } from "@/lib/queries/delegations";
import { traceEvents } from "@/lib/queries/trace";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { loadTraceView } from "@/lib/traces/view";
import { type Listening, listen } from "./http";
import { type SimulateSummary, simulate } from "./run";

// A short, bounded simulator run against an in-process Attest collector (the real POST route
// on real Postgres behind a loopback HTTP server), then checks through Attest's own queries,
// findings and alert detectors that the traffic tells the story it should.

async function collectorHandler(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const response = await POST(
    new Request(`http://attest.test${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }),
  );
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

describe("npm run simulate", () => {
  let collector: Listening;
  let home: Awaited<ReturnType<typeof tenantWithKey>>;
  let foreign: Awaited<ReturnType<typeof tenantWithKey>>;
  let summary: SimulateSummary;
  const since = new Date(Date.now() - 60_000);
  const correlation = (kind: string) => summary.correlationIds.find((id) => id.endsWith(`-${kind}`)) as string;

  beforeAll(async () => {
    home = await tenantWithKey("sim");
    foreign = await tenantWithKey("sim-foreign");
    collector = await listen(collectorHandler);
    summary = await simulate({
      endpoint: collector.url,
      key: home.key,
      foreignKey: foreign.key,
      durationMs: 4_500,
      minActions: 8,
      rate: 2,
      seed: 1,
      approvalWaitMs: 200,
    });
  }, 60_000);

  afterAll(async () => {
    await collector?.close();
  });

  it("plays every kind of action and delivers every event", () => {
    expect(summary.failures).toEqual([]);
    expect(summary.actions).toBeGreaterThanOrEqual(8);
    expect(Object.keys(summary.byKind).sort()).toEqual(
      [
        "consent_denied",
        "cross_tenant",
        "delegated_refund",
        "export",
        "lookup_cimd",
        "refund",
        "refund_large",
        "revoked_use",
      ].sort(),
    );
    expect(summary.dropped + summary.rejected).toBe(0);
    expect(summary.sent).toBeGreaterThan(50);
    expect(summary.foreign?.sent).toBeGreaterThan(0);
  });

  it("records a refund needing approval as one complete trace under one correlation id", async () => {
    const id = correlation("refund_large");
    const { events } = await traceEvents(home.tenant.id, id);
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      "auth.login",
      "consent.requested",
      "consent.granted",
      "token.issued",
      "mcp.tool.called",
      "policy.evaluated",
      "approval.requested",
      "approval.granted",
      "downstream.called",
    ]) {
      expect(types, type).toContain(type);
    }
    expect(new Set(events.map((e) => e.correlationId))).toEqual(new Set([id]));
    expect(new Set(events.map((e) => e.traceId)).size).toBe(1);
    const tool = events.find((e) => e.type === "mcp.tool.called");
    const policy = events.find((e) => e.type === "policy.evaluated");
    expect(policy?.policyDecision).toBe("require_approval");
    expect(policy?.parentSpanId).toBe(tool?.spanId);
    expect(tool?.data.client?.registration).toBeUndefined(); // the MCP server knows the client id only
    const login = events.find((e) => e.type === "auth.login");
    expect(login?.data.client?.registration).toBe("dynamic");
    // One human session across parties: the AS sign-in named by the token and by the tool call.
    const issued = events.find((e) => e.type === "token.issued");
    expect(issued?.sessionKey).toMatch(/^u-[a-z]+:.+/);
    expect(tool?.sessionKey).toBe(issued?.sessionKey);
    expect(tool?.data.mcp?.sessionId).toBeTruthy();
    const view = await loadTraceView(home.tenant.id, id);
    // The dashboard's trace page: one trace, nested by span, told as one story, nothing flagged
    // (the downstream call waited for the approval).
    expect(view?.traceIds).toHaveLength(1);
    expect(view?.flagCount).toBe(0);
    const depth = (type: string) => view?.waterfall.rows.find((r) => r.event.type === type)?.depth;
    expect([depth("mcp.tool.called"), depth("policy.evaluated"), depth("approval.granted")]).toEqual([0, 1, 2]);
    expect(view?.story).toMatch(
      // The call is stamped when it arrived and the policy decision right after, often in the same
      // millisecond, so the story may tell either first; everything else has a fixed order.
      /signed in.*granted consent.*(required approval.*called refund|called refund.*required approval).*approved.*downstream call/,
    );
  });

  it("shows the token exchange as a two-hop delegation user → planner → billing", async () => {
    const { events } = await traceEvents(home.tenant.id, correlation("delegated_refund"));
    const call = events.find((e) => e.type === "mcp.tool.called");
    expect(call?.data.delegation?.map((h) => h.id)).toEqual([call?.onBehalfOfId, "planner-agent", "billing-agent"]);
    expect(events.some((e) => e.type === "token.exchanged")).toBe(true);
    const overview = await delegationOverview(home.tenant.id, { from: since, to: new Date(Date.now() + 60_000) });
    const path = overview.paths.find(
      (p) =>
        p.hops
          .map((h) => h.id)
          .slice(1)
          .join(">") === "planner-agent>billing-agent",
    );
    expect(path?.depth).toBe(2);
    expect(path?.escalations).toEqual([]);
  });

  it("flags the tool call made with a token whose consent the user had revoked", async () => {
    const { events } = await traceEvents(home.tenant.id, correlation("revoked_use"));
    const call = events.find((e) => e.type === "mcp.tool.called");
    expect(call?.outcome).toBe("success"); // the MCP server does not introspect
    const flags = await flagsForEvents(home.tenant.id, events);
    expect(flags.get(call?.eventId as string)?.map((f) => f.kind)).toContain("use_after_revocation");
    const history = await consentHistory(
      home.tenant.id,
      { kind: "user", id: call?.onBehalfOfId as string },
      { from: since, to: new Date(Date.now() + 60_000) },
    );
    expect(JSON.stringify(history)).toContain("consent.revoked");
    const alerts = await evaluate(detectorRule("use_after_consent_revoked"), home.tenant.id);
    expect(alerts.some((a) => a.evidenceIds.includes(call?.eventId as string))).toBe(true);
  });

  it("rejects the other tenant's token as cross_tenant and alerts on it", async () => {
    const { events } = await traceEvents(home.tenant.id, correlation("cross_tenant"));
    const rejected = events.find((e) => e.type === "token.rejected");
    expect(rejected?.data.reason).toBe("cross_tenant");
    expect(rejected?.data.token?.tenant).toBe("sim-foreign");
    expect(events.some((e) => e.type === "mcp.tool.called")).toBe(false);
    const alerts = await evaluate(detectorRule("cross_tenant_token"), home.tenant.id);
    expect(alerts.map((a) => a.evidenceIds[0])).toContain(rejected?.eventId);
    // The other tenant recorded its own side (login, consent, token) under the same correlation id.
    const theirs = await traceEvents(foreign.tenant.id, correlation("cross_tenant"));
    expect(theirs.events.map((e) => e.type)).toContain("token.issued");
  });

  it("raises no finding but the revoked-consent uses", async () => {
    const events = await correlationEvents(home.tenant.id, summary.correlationIds);
    const found = [...(await flagsForEvents(home.tenant.id, events)).values()].flat();
    expect(new Set(found.map((f) => f.kind))).toEqual(new Set(["use_after_revocation"]));
    for (const flag of found) {
      expect(events.find((e) => e.eventId === flag.eventId)?.correlationId).toMatch(/-revoked_use$/);
    }
  });

  it("records the denied consent and the metadata-document client", async () => {
    const denied = await traceEvents(home.tenant.id, correlation("consent_denied"));
    expect(denied.events.map((e) => e.type)).toContain("consent.denied");
    expect(denied.events.some((e) => e.type === "token.issued")).toBe(false);
    const lookup = await traceEvents(home.tenant.id, correlation("lookup_cimd"));
    const login = lookup.events.find((e) => e.type === "auth.login");
    expect(login?.data.client?.registration).toBe("metadata_document");
  });
});

import { randomBytes } from "node:crypto";
import { POST } from "@/app/api/v1/events/route";
import { createIngestKey } from "../keys/ingest-keys";
import { createTenant } from "../tenants";

// Test fixtures: every test gets its own tenant, so tests never see each other's rows.

export async function tenantWithKey(label = "t") {
  const tenant = await createTenant(`${label}-${randomBytes(5).toString("hex")}`);
  const { key, prefix } = await createIngestKey(tenant.id, "test");
  return { tenant, key, prefix };
}

type PostOptions = { contentType?: string | null; headers?: Record<string, string>; key?: string | null };

/** Calls the collector's route handler in-process, as Next would. */
export async function postEvents(key: string | null, body: unknown, options: PostOptions = {}) {
  const contentType = options.contentType === undefined ? "application/json" : options.contentType;
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (contentType) headers["content-type"] = contentType;
  if (key) headers.authorization = `Bearer ${key}`;
  const payload = (typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body)) as BodyInit;
  const response = await POST(
    new Request("http://attest.test/api/v1/events", { method: "POST", headers, body: payload }),
  );
  return { status: response.status, headers: response.headers, body: await response.json() };
}

let counter = 0;

/** A minimal valid event; override any field. */
export function event(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    id: `e-${Date.now().toString(36)}-${counter}-${randomBytes(3).toString("hex")}`,
    type: "mcp.tool.called",
    time: "2026-11-20T10:00:00.000Z",
    actor: { type: "agent", id: "billing-bot", name: "Billing Copilot" },
    target: { type: "tool", id: "stripe.refund" },
    ...overrides,
  };
}

/** The five-event refund example of the contract, with ids made unique per call. */
export function refundExample(suffix = randomBytes(3).toString("hex")) {
  const trace = "4bf92f3577b34da6a3ce929d0e0e4736";
  return [
    {
      id: `e1-${suffix}`,
      type: "mcp.tool.called",
      time: "2026-11-20T10:00:00.000Z",
      actor: { type: "agent", id: "billing-bot", name: "Billing Copilot" },
      onBehalfOf: { type: "user", id: "u-42", name: "User 42" },
      session: { id: "s-9" },
      delegation: [
        { type: "user", id: "u-42", scopes: ["payments:write", "payments:read"] },
        { type: "agent", id: "planner", scopes: ["payments:write"] },
        { type: "agent", id: "billing-bot", scopes: ["payments:write"] },
      ],
      client: { id: "cl-7", kind: "ai_agent", registration: "dynamic" },
      correlationId: "req-123",
      trace: { traceId: trace, spanId: "00f067aa0ba902b7" },
      target: { type: "tool", id: "stripe.refund" },
      resource: "https://mcp.example.com",
      scopes: ["payments:write"],
      attributes: { amount: 12000, currency: "USD" },
    },
    {
      id: `e2-${suffix}`,
      type: "policy.evaluated",
      time: "2026-11-20T10:00:00.010Z",
      actor: { type: "service", id: "policy-engine" },
      correlationId: "req-123",
      trace: { traceId: trace, spanId: "a1b2c3d4e5f60718", parentSpanId: "00f067aa0ba902b7" },
      policy: { id: "refund-limits", version: "7", decision: "require_approval", reason: "amount > 10000" },
    },
    {
      id: `e3-${suffix}`,
      type: "approval.requested",
      time: "2026-11-20T10:00:00.020Z",
      actor: { type: "agent", id: "billing-bot" },
      correlationId: "req-123",
      approval: { id: "ap-1" },
    },
    {
      id: `e4-${suffix}`,
      type: "approval.granted",
      time: "2026-11-20T10:03:10.000Z",
      actor: { type: "user", id: "u-7", name: "Approver 7" },
      correlationId: "req-123",
      approval: { id: "ap-1", approver: { type: "user", id: "u-7" } },
    },
    {
      id: `e5-${suffix}`,
      type: "downstream.called",
      time: "2026-11-20T10:03:10.300Z",
      actor: { type: "agent", id: "billing-bot" },
      correlationId: "req-123",
      target: { type: "api", id: "POST https://api.stripe.com/v1/refunds" },
      outcome: "success",
    },
  ];
}

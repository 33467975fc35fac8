import { AttestClient, newSpanId, newTraceId, traceparent } from "../../lib/sdk";

// Sends one refund request (tool call, policy decision, downstream call) through the client SDK,
// as one trace with one correlation id.
//   ATTEST_URL=http://127.0.0.1:3000 ATTEST_KEY=ak_... npx tsx scripts/examples/sdk-send.ts

const client = new AttestClient({
  endpoint: process.env.ATTEST_URL ?? "http://127.0.0.1:3000",
  apiKey: process.env.ATTEST_KEY ?? "",
  onDrop: (info) => console.error(`dropped ${info.count} event(s): ${info.reason}`, JSON.stringify(info.errors)),
});

const correlationId = `req-${newSpanId()}`;
const traceId = newTraceId();
const toolSpan = newSpanId();
const agent = { type: "agent", id: "billing-bot", name: "Billing Copilot" } as const;

client.send({
  type: "mcp.tool.called",
  actor: agent,
  onBehalfOf: { type: "user", id: "u-42" },
  correlationId,
  traceparent: traceparent(traceId, toolSpan),
  target: { type: "tool", id: "stripe.refund" },
  attributes: { amount: 1200, currency: "USD" },
});
client.send({
  type: "policy.evaluated",
  actor: { type: "service", id: "policy-engine" },
  correlationId,
  trace: { traceId, spanId: newSpanId(), parentSpanId: toolSpan },
  policy: { id: "refund-limits", decision: "allow" },
});
client.send({
  type: "downstream.called",
  actor: agent,
  correlationId,
  trace: { traceId, spanId: newSpanId(), parentSpanId: toolSpan },
  target: { type: "api", id: "POST https://api.stripe.com/v1/refunds" },
});

// Not required (the client flushes when the process exits), but it makes the result printable.
await client.shutdown();
console.log(JSON.stringify({ correlationId, traceId, ...client.stats() }));

import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { otlpTypes } from "./proto";
import { callOtlpRoute } from "./test-server";

// Hand-made OTLP requests: encodings, limits, partial success, auth and throttling.

const TRACES = "/api/v1/otlp/v1/traces";
const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
const NOW_NANOS = `${Date.now()}000000`;

function span(spanId: string, overrides: Record<string, unknown> = {}) {
  return {
    traceId: TRACE_ID,
    spanId,
    name: "tools/call weather",
    kind: 2,
    startTimeUnixNano: NOW_NANOS,
    endTimeUnixNano: NOW_NANOS,
    attributes: [{ key: "mcp.method.name", value: { stringValue: "tools/call" } }],
    ...overrides,
  };
}

const request = (spans: unknown[]) => ({
  resourceSpans: [
    {
      resource: { attributes: [{ key: "service.name", value: { stringValue: "weather-mcp" } }] },
      scopeSpans: [{ scope: { name: "t" }, spans }],
    },
  ],
});

const headers = (key: string, contentType = "application/json", extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  "content-type": contentType,
  ...extra,
});

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const count = (tenantId: string) => prisma.event.count({ where: { tenantId } });

describe("OTLP traces route: bad input", () => {
  it("401 for a wrong key, before the body is looked at", async () => {
    const res = await callOtlpRoute(TRACES, headers("atk_wrong"), json(request([span("1111111111111111")])));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("415 for another content type or content encoding", async () => {
    const { key } = await tenantWithKey("otlp-bad");
    expect((await callOtlpRoute(TRACES, headers(key, "text/plain"), json({}))).status).toBe(415);
    const br = headers(key, "application/json", { "content-encoding": "br" });
    expect((await callOtlpRoute(TRACES, br, json({}))).status).toBe(415);
  });

  it("400 for garbage protobuf, broken JSON and broken gzip; nothing stored", async () => {
    const { tenant, key } = await tenantWithKey("otlp-bad");
    const protobuf = headers(key, "application/x-protobuf");
    for (const garbage of [Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), Buffer.from([0xff, 0xff, 0xff])]) {
      const res = await callOtlpRoute(TRACES, protobuf, garbage);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_protobuf");
    }
    expect((await callOtlpRoute(TRACES, headers(key), Buffer.from("{not json"))).status).toBe(400);
    const gzip = headers(key, "application/json", { "content-encoding": "gzip" });
    expect((await callOtlpRoute(TRACES, gzip, Buffer.from("not gzip"))).status).toBe(400);
    expect(await count(tenant.id)).toBe(0);
  });

  it("413 when the body passes 5 MB once decompressed", async () => {
    const { tenant, key } = await tenantWithKey("otlp-bad");
    const bomb = gzipSync(Buffer.alloc(6 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    const res = await callOtlpRoute(TRACES, headers(key, "application/json", { "content-encoding": "gzip" }), bomb);
    expect(res.status).toBe(413);
    expect(await count(tenant.id)).toBe(0);
  });

  it("accepts a gzip JSON body with snake_case keys and int64 numbers", async () => {
    const { tenant, key } = await tenantWithKey("otlp-gzip");
    const body = {
      resource_spans: [
        {
          scope_spans: [
            {
              spans: [
                { trace_id: TRACE_ID, span_id: "2222222222222222", name: "x", start_time_unix_nano: Date.now() * 1e6 },
              ],
            },
          ],
        },
      ],
    };
    const gz = headers(key, "application/json", { "content-encoding": "gzip" });
    const res = await callOtlpRoute(TRACES, gz, gzipSync(json(body)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const row = await prisma.event.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(row).toMatchObject({
      type: "x-otel.span",
      eventId: `otel:${TRACE_ID}:2222222222222222`,
      actorId: "unknown_service",
    });
  });

  it("reads enum names as protobuf JSON printers write them (STATUS_CODE_ERROR, SPAN_KIND_SERVER)", async () => {
    const { tenant, key } = await tenantWithKey("otlp-enums");
    const named = span("abababababababab", {
      kind: "SPAN_KIND_SERVER",
      status: { code: "STATUS_CODE_ERROR", message: "boom" },
    });
    expect((await callOtlpRoute(TRACES, headers(key), json(request([named])))).status).toBe(200);
    const row = await prisma.event.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(row.outcome).toBe("failure");
    expect(row.data).toMatchObject({
      reason: "boom",
      attributes: { "otel.kind": "server", "otel.status_code": "error" },
    });
  });

  it("partialSuccess (JSON) counts rejected spans and stores the rest", async () => {
    const { tenant, key } = await tenantWithKey("otlp-partial");
    const spans = [
      span("3333333333333333"),
      span("4444444444444444", { traceId: "00000000000000000000000000000000" }),
      span("5555555555555555", { startTimeUnixNano: `${Date.now() + 3 * 86_400_000}000000` }),
    ];
    const res = await callOtlpRoute(TRACES, headers(key), json(request(spans)));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.partialSuccess.rejectedSpans).toBe("2");
    expect(body.partialSuccess.errorMessage).toContain("item 1: traceId");
    expect(body.partialSuccess.errorMessage).toContain("item 2: time must not be more than 24 hours in the future");
    expect(await count(tenant.id)).toBe(1);
  });

  it("partialSuccess (protobuf) answers an ExportTraceServiceResponse", async () => {
    const { tenant, key } = await tenantWithKey("otlp-partial");
    const id = (hex: string) => Buffer.from(hex, "hex");
    const message = otlpTypes.traceRequest.fromObject({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                { traceId: id(TRACE_ID), spanId: id("6666666666666666"), name: "ok", startTimeUnixNano: NOW_NANOS },
                { traceId: id("abcd"), spanId: id("7777777777777777"), name: "bad", startTimeUnixNano: NOW_NANOS },
              ],
            },
          ],
        },
      ],
    });
    const bytes = otlpTypes.traceRequest.encode(message).finish();
    const res = await callOtlpRoute(TRACES, headers(key, "application/x-protobuf"), bytes);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    const answer = otlpTypes.traceResponse.toObject(
      otlpTypes.traceResponse.decode(new Uint8Array(await res.arrayBuffer())),
      { longs: String },
    );
    expect(answer).toMatchObject({ partialSuccess: { rejectedSpans: "1" } });
    expect(await count(tenant.id)).toBe(1);
  });
});

describe("OTLP traces route: throttling", () => {
  const saved = { rate: process.env.INGEST_RATE_LIMIT, burst: process.env.INGEST_RATE_BURST };
  afterEach(() => {
    for (const [name, value] of [
      ["INGEST_RATE_LIMIT", saved.rate],
      ["INGEST_RATE_BURST", saved.burst],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("429 with Retry-After from the collector's per-tenant limit; nothing stored", async () => {
    process.env.INGEST_RATE_LIMIT = "1";
    process.env.INGEST_RATE_BURST = "1";
    const { tenant, key } = await tenantWithKey("otlp-429");
    const res = await callOtlpRoute(
      TRACES,
      headers(key),
      json(request([span("8888888888888888"), span("9999999999999999")])),
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await count(tenant.id)).toBe(0);
  });
});

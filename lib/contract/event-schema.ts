import { z } from "zod";
import {
  CLIENT_KINDS,
  CLIENT_REGISTRATIONS,
  CUSTOM_EVENT_TYPE,
  CUSTOM_TARGET_TYPE,
  EVENT_TYPES,
  OUTCOMES,
  POLICY_DECISIONS,
  PRINCIPAL_TYPES,
  TARGET_TYPES,
} from "./event-types";

// Zod schemas of contract v1. They validate the collector's input and generate its OpenAPI
// document, so the two cannot drift. Objects are strict: a misspelled field is an error the
// sender sees, not data that silently disappears. `attributes` is the place for anything else.

/** The named schemas of the contract, for the OpenAPI document. */
export const contractSchemas = z.registry<{ id: string; description?: string }>();

const text = (max: number) => z.string().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const EVENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
export const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export const ATTRIBUTES_MAX_BYTES = 16 * 1024;
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

const TIMESTAMP_MESSAGE = "must be an RFC 3339 timestamp with a time zone offset, e.g. 2026-11-20T10:00:00.000Z";
const timestamp = z.iso
  .datetime({ offset: true, error: TIMESTAMP_MESSAGE })
  .refine((value) => !Number.isNaN(Date.parse(value)), TIMESTAMP_MESSAGE)
  .meta({ format: "date-time" });

export const principalSchema = z
  .object({
    type: z.enum(PRINCIPAL_TYPES),
    id: text(256),
    name: text(256).optional(),
  })
  .strict()
  .register(contractSchemas, { id: "Principal" });

const scopeList = z.array(text(256)).max(200, "must hold at most 200 scopes");

export const delegationHopSchema = principalSchema
  .extend({ scopes: scopeList.optional() })
  .strict()
  .register(contractSchemas, { id: "DelegationHop" });

export type ActClaim = {
  sub: string;
  act?: ActClaim;
  [claim: string]: unknown;
};

// RFC 8693 `act` claim: the outermost object is the current actor, each nested `act` a prior
// one. It is a JWT claim set, so other claims (iss, client_id…) are kept, not rejected.
// `type`, `name` and `scope`/`scopes` are optional Attest extensions for the hop.
export const actClaimSchema: z.ZodType<ActClaim> = z
  .lazy(() =>
    z.looseObject({
      sub: text(256),
      type: z.enum(PRINCIPAL_TYPES).optional(),
      name: text(256).optional(),
      scope: z.string().max(4096).optional(),
      scopes: scopeList.optional(),
      act: actClaimSchema.optional(),
    }),
  )
  .register(contractSchemas, { id: "ActClaim" });

export const traceSchema = z
  .object({
    traceId: z.string().regex(TRACE_ID, "must be 32 lowercase hex characters"),
    spanId: z.string().regex(SPAN_ID, "must be 16 lowercase hex characters"),
    parentSpanId: z.string().regex(SPAN_ID, "must be 16 lowercase hex characters").optional(),
  })
  .strict();

const traceparentString = z
  .string()
  .regex(TRACEPARENT, "must be a W3C traceparent: 00-<32 hex>-<16 hex>-<2 hex>, lowercase")
  .refine(
    (value) => !/^..-0{32}-/.test(value) && !/-0{16}-..$/.test(value),
    "trace and parent ids must not be all zeros",
  );

const absoluteUri = z
  .string()
  .max(2048)
  .refine((value) => URL.canParse(value) && !value.includes("#"), "must be an absolute URI without a fragment");

const targetType = z.union([
  z.enum(TARGET_TYPES),
  z.string().regex(CUSTOM_TARGET_TYPE, `must be one of ${TARGET_TYPES.join(", ")}, or x-<name>`),
]);

export const eventSchema = z
  .object({
    id: z.string().regex(EVENT_ID, "must be 1–128 characters of A-Z a-z 0-9 . _ : -").optional(),
    type: z.union([
      z.enum(EVENT_TYPES),
      z.string().regex(CUSTOM_EVENT_TYPE, "must be a catalogue type (e.g. mcp.tool.called) or x-<vendor>.<name>"),
    ]),
    time: timestamp,
    outcome: z.enum(OUTCOMES).default("success"),
    reason: z.string().max(1024, "must be at most 1024 characters").optional(),
    actor: principalSchema,
    onBehalfOf: principalSchema.optional(),
    delegation: z.array(delegationHopSchema).min(1).max(16, "must hold at most 16 hops").optional(),
    act: actClaimSchema.optional(),
    session: z
      .object({ id: text(256) })
      .strict()
      .optional(),
    client: z
      .object({
        id: text(512),
        name: text(256).optional(),
        kind: z.enum(CLIENT_KINDS),
        registration: z.enum(CLIENT_REGISTRATIONS).optional(),
        metadataUrl: absoluteUri.optional(),
      })
      .strict()
      .optional(),
    correlationId: text(128).optional(),
    trace: z.union([traceSchema, traceparentString]).optional(),
    // Extension: a top-level W3C traceparent, as many SDKs carry it.
    traceparent: traceparentString.optional(),
    target: z
      .object({ type: targetType, id: text(512), name: text(256).optional() })
      .strict()
      .optional(),
    resource: absoluteUri.optional(),
    scopes: scopeList.optional(),
    policy: z
      .object({
        id: text(256),
        version: z
          .union([text(128), z.number()])
          .transform(String)
          .optional(),
        decision: z.enum(POLICY_DECISIONS),
        reason: z.string().max(1024).optional(),
        engine: text(128).optional(),
      })
      .strict()
      .optional(),
    consent: z
      .object({ id: text(256), scopes: scopeList.optional(), expiresAt: timestamp.optional() })
      .strict()
      .optional(),
    token: z
      .object({
        id: text(256).optional(),
        audience: z.union([text(2048), z.array(text(2048)).max(20)]).optional(),
        expiresAt: timestamp.optional(),
        tenant: text(256).optional(),
      })
      .strict()
      .optional(),
    approval: z
      .object({ id: text(256), approver: principalSchema.optional(), expiresAt: timestamp.optional() })
      .strict()
      .optional(),
    mcp: z
      .object({ method: text(128).optional(), protocolVersion: text(64).optional(), sessionId: text(256).optional() })
      .strict()
      .optional(),
    source: z
      .object({
        ip: z.union([z.ipv4(), z.ipv6()]).optional(),
        userAgent: z.string().max(1024).optional(),
        service: text(256).optional(),
      })
      .strict()
      .optional(),
    attributes: z
      .record(z.string(), z.unknown())
      .refine(
        (value) => Buffer.byteLength(JSON.stringify(value), "utf8") <= ATTRIBUTES_MAX_BYTES,
        "must be at most 16 KB as JSON",
      )
      .optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    if ((event.outcome === "failure" || event.outcome === "denied") && !event.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: `is required when outcome is ${event.outcome}` });
    }
    const required: [string, keyof typeof event][] = [
      ["policy.evaluated", "policy"],
      ["consent.", "consent"],
      ["token.", "token"],
      ["approval.", "approval"],
    ];
    for (const [prefix, field] of required) {
      if (event.type.startsWith(prefix) && event[field] === undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: `is required for ${event.type} events` });
      }
    }
    if (event.trace !== undefined && event.traceparent !== undefined) {
      ctx.addIssue({ code: "custom", path: ["traceparent"], message: "send either trace or traceparent, not both" });
    }
    const hops = event.delegation ?? [];
    const last = hops.at(-1);
    if (last && (last.type !== event.actor.type || last.id !== event.actor.id)) {
      ctx.addIssue({
        code: "custom",
        path: ["delegation", hops.length - 1],
        message: "the last hop must be the actor",
      });
    }
    if (event.act && !event.delegation) checkActClaim(event.act, event.actor, ctx);
    if (Date.parse(event.time) - Date.now() > FUTURE_TOLERANCE_MS) {
      ctx.addIssue({ code: "custom", path: ["time"], message: "must not be more than 24 hours in the future" });
    }
  })
  .register(contractSchemas, { id: "Event" });

const MAX_ACT_DEPTH = 16;

function checkActClaim(act: ActClaim, actor: { id: string }, ctx: z.RefinementCtx) {
  if (act.sub !== actor.id) {
    ctx.addIssue({ code: "custom", path: ["act", "sub"], message: "the outermost act must be the actor" });
  }
  let depth = 0;
  for (let hop: ActClaim | undefined = act; hop; hop = hop.act) depth++;
  if (depth > MAX_ACT_DEPTH) {
    ctx.addIssue({ code: "custom", path: ["act"], message: `must nest at most ${MAX_ACT_DEPTH} actors` });
  }
}

export type ContractEventInput = z.input<typeof eventSchema>;
export type ContractEvent = z.output<typeof eventSchema>;

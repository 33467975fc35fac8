import { z } from "zod";
import { badRequest } from "../api/errors";
import type { ContractEventInput } from "../contract/event-schema";
import type { OUTCOMES } from "../contract/event-types";
import { boundedOriginal, clip, type Mapped, type RawItem, scopeList, sourceOf, text, zodErrors } from "./common";

// Auth0 Log Streams, custom webhook (https://auth0.com/docs/customize/log-streams/custom-log-streams).
// A delivery is a JSON array, JSON lines or one object; each record is either Auth0's stream
// envelope `{ log_id, data: { …log… } }` or a bare log object. Records are mapped by their
// log event type code (https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes); the
// table is in the README. The event id is `auth0:<log_id>`, so Auth0's at-least-once
// redeliveries are counted as duplicates by the collector's per-tenant dedupe.

type Outcome = (typeof OUTCOMES)[number];

const maybeText = z.string().nullish();

export const auth0LogSchema = z.looseObject({
  log_id: maybeText,
  _id: maybeText,
  type: z.string().min(1, "must not be empty").max(64),
  date: z.string(),
  description: maybeText,
  client_id: maybeText,
  client_name: maybeText,
  ip: maybeText,
  user_agent: maybeText,
  user_id: maybeText,
  user_name: maybeText,
  connection: maybeText,
  audience: z.union([z.string(), z.array(z.string())]).nullish(),
  scope: z.union([z.string(), z.array(z.string())]).nullish(),
  details: z.unknown().optional(),
});
type Auth0Log = z.infer<typeof auth0LogSchema>;

const LOGIN_SUCCESS = new Set(["s", "scoa", "sens"]);
const LOGIN_FAILURE = new Set(["f", "fp", "fu", "fc", "fco", "fcoa", "fens"]);
const LOGIN_BLOCKED = new Set(["limit_wc", "limit_sul", "limit_mu"]);
const TOKEN_ISSUED = new Set([
  "seacft",
  "seccft",
  "sede",
  "sepft",
  "seoobft",
  "seotpft",
  "sepotpft",
  "sercft",
  "ciba_exchange_succeeded",
]);
const TOKEN_REJECTED = new Set([
  "feacft",
  "feccft",
  "fede",
  "fepft",
  "feoobft",
  "feotpft",
  "fepotpft",
  "fercft",
  "fertft",
  "ferrt",
  "fecte",
  "ciba_exchange_failed",
]);

type Classified = { type: string; outcome: Outcome };

/** The contract type and outcome of an Auth0 log type code (the README's table). */
export function classifyAuth0(code: string): Classified {
  if (LOGIN_SUCCESS.has(code)) return { type: "auth.login", outcome: "success" };
  if (LOGIN_FAILURE.has(code)) return { type: "auth.login", outcome: "failure" };
  if (LOGIN_BLOCKED.has(code)) return { type: "auth.login", outcome: "denied" };
  if (code === "slo") return { type: "auth.logout", outcome: "success" };
  if (code === "flo") return { type: "auth.logout", outcome: "failure" };
  if (code === "mfar") return { type: "auth.mfa", outcome: "pending" };
  if (code.startsWith("gd_")) return { type: "auth.mfa", outcome: mfaOutcome(code) };
  if (TOKEN_ISSUED.has(code)) return { type: "token.issued", outcome: "success" };
  if (code === "sertft") return { type: "token.refreshed", outcome: "success" };
  if (code === "secte") return { type: "token.exchanged", outcome: "success" };
  if (code === "srrt") return { type: "token.revoked", outcome: "success" };
  if (TOKEN_REJECTED.has(code)) return { type: "token.rejected", outcome: "failure" };
  // Everything else is kept as x-auth0.<code>; Auth0 starts its failure codes with "f"
  // (fapi, fs, fcp, fsa, …), which gives the outcome.
  return { type: `x-auth0.${code}`, outcome: code.startsWith("f") ? "failure" : "success" };
}

// Guardian (MFA) codes: gd_auth_succeed, gd_auth_failed, gd_auth_rejected,
// gd_otp_rate_limit_exceed, gd_send_pn, gd_start_auth, gd_enrollment_complete, …
function mfaOutcome(code: string): Outcome {
  if (/succeed|complete/.test(code)) return "success";
  if (/rejected/.test(code)) return "denied";
  if (/fail|rate_limit|invalid/.test(code)) return "failure";
  return "pending";
}

/** Auth0 logs name a principal by id and name; either may be missing on a failed login. */
function actorOf(log: Auth0Log, code: string): ContractEventInput["actor"] {
  const userId = text(log.user_id);
  const userName = text(log.user_name);
  const clientId = text(log.client_id);
  // A client-credentials exchange has no user: the client itself acts.
  if ((code === "seccft" || code === "feccft" || !(userId || userName)) && clientId) {
    return { type: "service", id: clip(clientId, 256), ...nameOf(log.client_name) };
  }
  if (userId || userName) {
    return { type: "user", id: clip(userId ?? `name:${userName}`, 256), ...nameOf(userName) };
  }
  return { type: "service", id: "auth0", name: "Auth0" };
}

const nameOf = (value: unknown) => {
  const name = text(value);
  return name ? { name: clip(name, 256) } : {};
};

function clientOf(log: Auth0Log, code: string): ContractEventInput["client"] | undefined {
  const clientId = text(log.client_id);
  if (!clientId) return undefined;
  const kind = code === "seccft" || code === "feccft" ? "service" : "human_app";
  return { id: clip(clientId, 512), kind, ...nameOf(log.client_name) };
}

function auth0LogId(log: Auth0Log, envelopeId: unknown): string | undefined {
  return text(envelopeId) ?? text(log.log_id) ?? text(log._id);
}

/** Maps one Auth0 log (bare, or the `data` of a stream envelope) to a contract event. */
export function mapAuth0Log(record: unknown): Mapped {
  const envelope = record as { log_id?: unknown; data?: unknown } | null;
  const isEnvelope =
    envelope !== null && typeof envelope === "object" && typeof envelope.data === "object" && envelope.data !== null;
  const value = isEnvelope ? envelope.data : record;
  const parsed = auth0LogSchema.safeParse(value);
  const prefix = isEnvelope ? "data." : "";
  if (!parsed.success) {
    return {
      ok: false,
      errors: zodErrors(parsed.error).map((e) => ({ ...e, path: `${prefix}${e.path}` })),
    };
  }
  const log = parsed.data;
  const logId = auth0LogId(log, isEnvelope ? envelope.log_id : undefined);
  if (!logId) return { ok: false, errors: [{ path: `${prefix}log_id`, message: "is required (the dedupe key)" }] };
  const code = log.type;
  const { type, outcome } = classifyAuth0(code);
  const description = text(log.description);
  const scopes = scopeList(log.scope);
  const audience = Array.isArray(log.audience) ? log.audience.filter((a) => a !== "") : text(log.audience);
  const client = clientOf(log, code);
  const sessionId = text((log as Record<string, unknown>).session_id);
  const event: ContractEventInput = {
    id: `auth0:${logId}`,
    type,
    time: log.date,
    outcome,
    ...(outcome === "failure" || outcome === "denied"
      ? { reason: clip(description ?? `Auth0 log type ${code}`, 1024) }
      : description
        ? { reason: clip(description, 1024) }
        : {}),
    actor: actorOf(log, code),
    ...(client ? { client } : {}),
    ...(sessionId && text(log.user_id) ? { session: { id: clip(sessionId, 256) } } : {}),
    ...(scopes ? { scopes } : {}),
    ...(type.startsWith("token.") ? { token: audience && audience.length > 0 ? { audience } : {} } : {}),
    ...managementTarget(log),
    source: sourceOf("auth0", log.ip, log.user_agent),
    attributes: { auth0: boundedOriginal(log as Record<string, unknown>) },
  };
  return { ok: true, event };
}

/** Management API operations (sapi/fapi) name the call; it becomes the target. */
function managementTarget(log: Auth0Log): Pick<ContractEventInput, "target"> {
  if (log.type !== "sapi" && log.type !== "fapi") return {};
  const request = (log.details as { request?: { method?: unknown; path?: unknown } } | undefined)?.request;
  const path = text(request?.path);
  if (!path) return {};
  const method = text(request?.method)?.toUpperCase() ?? "";
  return { target: { type: "api", id: clip(`${method} ${path}`.trim(), 512) } };
}

/** The records of one delivery: a JSON array, JSON lines or a single log object. */
export function auth0Records(body: { whole: unknown } | { lines: RawItem[] }): RawItem[] {
  if ("lines" in body) return body.lines;
  if (Array.isArray(body.whole)) return body.whole.map((value) => ({ value }));
  if (body.whole !== null && typeof body.whole === "object") return [{ value: body.whole }];
  throw badRequest("invalid_body", "The body must be an Auth0 log, an array of them, or JSON lines.");
}

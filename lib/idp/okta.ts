import { z } from "zod";
import { badRequest } from "../api/errors";
import type { ContractEventInput } from "../contract/event-schema";
import type { OUTCOMES } from "../contract/event-types";
import { boundedOriginal, clip, type Mapped, scopeList, sourceOf, text, zodErrors } from "./common";

// Okta Event Hooks (https://developer.okta.com/docs/concepts/event-hooks/). A delivery is
// `{ eventType: "com.okta.event_hook", data: { events: [ System Log events ] } }`; each event
// is mapped by its eventType (the README's table) and outcome. The event id is
// `okta:<uuid>`, so Okta's redeliveries are counted as duplicates by the collector's dedupe.

type Outcome = (typeof OUTCOMES)[number];

const maybeText = z.string().nullish();
const oktaPrincipal = z.looseObject({
  id: z.string().min(1),
  type: maybeText,
  alternateId: maybeText,
  displayName: maybeText,
});

export const oktaEventSchema = z.looseObject({
  uuid: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, "must be an Okta event uuid"),
  published: z.string(),
  eventType: z.string().min(1).max(120),
  displayMessage: maybeText,
  outcome: z.looseObject({ result: maybeText, reason: maybeText }).nullish(),
  actor: oktaPrincipal,
  client: z
    .looseObject({
      ipAddress: maybeText,
      id: maybeText,
      userAgent: z.looseObject({ rawUserAgent: maybeText }).nullish(),
    })
    .nullish(),
  authenticationContext: z.looseObject({ externalSessionId: maybeText }).nullish(),
  target: z.array(oktaPrincipal).nullish(),
  debugContext: z.looseObject({ debugData: z.record(z.string(), z.unknown()).nullish() }).nullish(),
  transaction: z.looseObject({ id: maybeText }).nullish(),
});
type OktaEvent = z.infer<typeof oktaEventSchema>;

export const oktaDeliverySchema = z.looseObject({
  eventType: z.string().optional(),
  data: z.looseObject({ events: z.array(z.unknown()) }),
});

/** The records of one delivery. */
export function oktaRecords(body: unknown): unknown[] {
  const parsed = oktaDeliverySchema.safeParse(body);
  if (!parsed.success) {
    throw badRequest("invalid_body", 'An Okta event hook body is { "eventType": …, "data": { "events": [ … ] } }.');
  }
  return parsed.data.data.events;
}

/** SUCCESS/ALLOW → success, FAILURE → failure, DENY → denied, CHALLENGE/SKIPPED/UNKNOWN → pending. */
export function oktaOutcome(result: string | null | undefined): Outcome {
  switch ((result ?? "SUCCESS").toUpperCase()) {
    case "SUCCESS":
    case "ALLOW":
      return "success";
    case "FAILURE":
      return "failure";
    case "DENY":
      return "denied";
    default:
      return "pending";
  }
}

const TOKEN_GRANT = /^app\.oauth2\.(as\.)?token\.grant(\.|$)/;
const TOKEN_REVOKE = /^app\.oauth2\.(as\.)?token\.revoke(\.|$)/;

/** The contract type of an Okta eventType with its outcome (the README's table). */
export function classifyOkta(eventType: string, outcome: Outcome, grantType?: string): string {
  const failed = outcome === "failure" || outcome === "denied";
  if (eventType === "user.session.start") return "auth.login";
  if (eventType === "user.session.end") return "auth.logout";
  if (
    eventType === "user.authentication.auth_via_mfa" ||
    eventType.startsWith("user.mfa.") ||
    eventType === "system.push.send_factor_verify_push"
  ) {
    return "auth.mfa";
  }
  if (eventType === "app.oauth2.as.consent.grant") return failed ? "consent.denied" : "consent.granted";
  if (eventType === "app.oauth2.as.consent.revoke") return "consent.revoked";
  if (eventType.startsWith("app.oauth2.") && failed) return "token.rejected";
  if (TOKEN_GRANT.test(eventType)) return grantType === "refresh_token" ? "token.refreshed" : "token.issued";
  if (TOKEN_REVOKE.test(eventType)) return "token.revoked";
  return `x-okta.${eventType}`;
}

const PRINCIPAL_TYPES: Record<string, "user" | "service"> = { User: "user" };
const CLIENT_TYPES = new Set(["PublicClientApp", "AppInstance", "Client"]);
const TOKEN_TARGETS = new Set(["access_token", "id_token", "refresh_token"]);

function principalOf(actor: OktaEvent["actor"]): ContractEventInput["actor"] {
  const name = text(actor.displayName) ?? text(actor.alternateId);
  return {
    type: PRINCIPAL_TYPES[actor.type ?? ""] ?? "service",
    id: clip(actor.id, 256),
    ...(name ? { name: clip(name, 256) } : {}),
  };
}

function targetOf(target: OktaEvent["target"]): ContractEventInput["target"] | undefined {
  const first = target?.[0];
  if (!first) return undefined;
  const kind = first.type ?? "unknown";
  const type =
    kind === "User"
      ? "user"
      : CLIENT_TYPES.has(kind)
        ? "client"
        : TOKEN_TARGETS.has(kind)
          ? "token"
          : `x-okta.${kind.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 56) || "unknown"}`;
  const name = text(first.displayName) ?? text(first.alternateId);
  return { type, id: clip(first.id, 512), ...(name ? { name: clip(name, 256) } : {}) };
}

/** The OAuth client: the acting app (client credentials) or an app among the targets. */
function clientOf(event: OktaEvent): ContractEventInput["client"] | undefined {
  const app = CLIENT_TYPES.has(event.actor.type ?? "")
    ? event.actor
    : event.target?.find((target) => CLIENT_TYPES.has(target.type ?? ""));
  if (!app) return undefined;
  const name = text(app.displayName) ?? text(app.alternateId);
  const kind = app === event.actor ? "service" : "human_app";
  return { id: clip(app.id, 512), kind, ...(name ? { name: clip(name, 256) } : {}) };
}

function tokenOf(event: OktaEvent): NonNullable<ContractEventInput["token"]> {
  const token = event.target?.find((target) => TOKEN_TARGETS.has(target.type ?? ""));
  const audience = text(event.debugContext?.debugData?.audience);
  return {
    ...(token ? { id: clip(token.id, 256) } : {}),
    ...(audience ? { audience: clip(audience, 2048) } : {}),
  };
}

/** Maps one Okta System Log event to a contract event. */
export function mapOktaEvent(record: unknown): Mapped {
  const parsed = oktaEventSchema.safeParse(record);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const event = parsed.data;
  const outcome = oktaOutcome(event.outcome?.result);
  const debug = event.debugContext?.debugData ?? {};
  const type = classifyOkta(event.eventType, outcome, text(debug.grantType));
  const actor = principalOf(event.actor);
  const reason = text(event.outcome?.reason) ?? text(event.displayMessage);
  const scopes = scopeList(debug.grantedScopes ?? debug.scopes ?? debug.requestedScopes);
  const client = clientOf(event);
  const target = targetOf(event.target);
  const sessionId = text(event.authenticationContext?.externalSessionId);
  const correlationId = text(event.transaction?.id);
  const mapped: ContractEventInput = {
    id: `okta:${event.uuid}`,
    type,
    time: event.published,
    outcome,
    ...(reason
      ? { reason: clip(reason, 1024) }
      : outcome === "failure" || outcome === "denied"
        ? { reason: "Okta" }
        : {}),
    actor,
    ...(client ? { client } : {}),
    ...(sessionId && actor.type === "user" && sessionId !== "unknown" ? { session: { id: clip(sessionId, 256) } } : {}),
    ...(correlationId ? { correlationId: clip(correlationId, 128) } : {}),
    ...(target ? { target } : {}),
    ...(scopes ? { scopes } : {}),
    ...(type.startsWith("token.") ? { token: tokenOf(event) } : {}),
    ...(type.startsWith("consent.") ? { consent: consentOf(event, actor, client, scopes) } : {}),
    source: sourceOf("okta", event.client?.ipAddress, event.client?.userAgent?.rawUserAgent),
    attributes: { okta: boundedOriginal(event as Record<string, unknown>) },
  };
  return { ok: true, event: mapped };
}

// Okta's consent events carry no consent id; the pair of user and app identifies a consent.
function consentOf(
  event: OktaEvent,
  actor: ContractEventInput["actor"],
  client: ContractEventInput["client"] | undefined,
  scopes: string[] | undefined,
): NonNullable<ContractEventInput["consent"]> {
  const user = actor.type === "user" ? actor.id : event.target?.find((target) => target.type === "User")?.id;
  const id = user && client ? `okta:${user}:${client.id}` : `okta:${event.uuid}`;
  return { id: clip(id, 256), ...(scopes ? { scopes } : {}) };
}

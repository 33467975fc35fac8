import { CONSENT_USE_TYPES, consentFlags, consentHumanOf } from "../../../flags/consent";
import { loadConsentContext } from "../../../flags/consent-load";
import { escalationFlags } from "../../../flags/escalation";
import { FLAG_LABELS, type Flag, type FlagKind, type FlagMap } from "../../../flags/types";
import type { DetectorRule } from "../../rules/schema";
import type { Candidate, EngineEvent, EvalContext } from "../types";
import { actorOf, candidate, describeUse, groupBy, inScope } from "./common";

// Detectors that raise the investigation findings (lib/flags) as alerts: use after consent was
// revoked, expired or denied; scope outside the consent; delegation scope escalation.
// The findings are computed once per batch, whatever the number of rules asking, and only
// the rules they need run (consent and escalation; approvals are for sequence rules).
// loadConsentContext reads through the pool, not the evaluation's client: consent events are
// committed history, so the answer is the same, but it takes a second connection for a moment.

const CONSENT_KINDS: readonly FlagKind[] = ["use_after_revocation", "use_after_expiry", "use_after_denial"];
const USE_TYPES: ReadonlySet<string> = new Set(CONSENT_USE_TYPES);

const findingsOfBatch = new WeakMap<readonly EngineEvent[], Promise<FlagMap>>();

/** Consent and escalation findings about the batch's events, computed once per batch. */
export function batchFindings(context: EvalContext): Promise<FlagMap> {
  let found = findingsOfBatch.get(context.events);
  if (!found) {
    found = computeFindings(context);
    findingsOfBatch.set(context.events, found);
    // A failed load is not cached: a retry of the same batch asks again.
    found.catch(() => findingsOfBatch.delete(context.events));
  }
  return found;
}

async function computeFindings({ tenantId, events }: EvalContext): Promise<FlagMap> {
  const found: FlagMap = new Map();
  escalationFlags(events, found);
  const uses = events.filter((event) => USE_TYPES.has(event.type));
  const humans = [...new Set(uses.map(consentHumanOf).filter((id): id is string => !!id))];
  if (humans.length) consentFlags(uses, await loadConsentContext(tenantId, humans), found);
  return found;
}

type Finding = { event: EngineEvent; flag: Flag };

async function findingsOf(rule: DetectorRule, context: EvalContext, kinds: readonly FlagKind[]): Promise<Finding[]> {
  const found = await batchFindings(context);
  return inScope(rule, context.events).flatMap((event) =>
    (found.get(event.eventId) ?? []).filter((flag) => kinds.includes(flag.kind)).map((flag) => ({ event, flag })),
  );
}

const subjectOf = (event: EngineEvent) => {
  const human = consentHumanOf(event);
  return human ? `user:${human}` : `agent:${actorOf(event)}`;
};

/** One alert per offending use: the event, the finding and the events that prove it. */
function perUse(rule: DetectorRule, { event, flag }: Finding): Candidate {
  return candidate(rule, {
    groupKey: subjectOf(event),
    windowKey: event.eventId,
    windowStart: event.time,
    windowEnd: event.time,
    summary: `${FLAG_LABELS[flag.kind]}: ${actorOf(event)} ${flag.detail}`,
    explanation: {
      finding: flag.kind,
      detail: flag.detail,
      use: describeUse(event),
      agent: actorOf(event),
      user: consentHumanOf(event),
      client: event.clientId,
      outcome: event.outcome,
      scopes: event.data.scopes ?? [],
    },
    evidenceIds: [event.eventId, ...flag.evidence],
  });
}

export async function useAfterConsentRevoked(rule: DetectorRule, context: EvalContext): Promise<Candidate[]> {
  return (await findingsOf(rule, context, CONSENT_KINDS)).map((finding) => perUse(rule, finding));
}

export async function outOfConsentScope(rule: DetectorRule, context: EvalContext): Promise<Candidate[]> {
  return (await findingsOf(rule, context, ["out_of_consent_scope"])).map((finding) => perUse(rule, finding));
}

/**
 * One alert per request: every event of an escalated request carries the same chain, so the
 * window is the correlation id and the group the chain's origin (the same on each of them).
 */
export async function delegationEscalation(rule: DetectorRule, context: EvalContext): Promise<Candidate[]> {
  const findings = await findingsOf(rule, context, ["delegation_escalation"]);
  const origin = ({ event }: Finding) => {
    const first = event.data.delegation?.[0];
    return first ? `${first.type === "user" ? "user" : "agent"}:${first.id}` : `agent:${actorOf(event)}`;
  };
  const requests = groupBy(findings, (f) => `${origin(f)}\n${f.event.correlationId ?? f.event.eventId}`);
  return [...requests.values()].map((list) => {
    const first = list[0] as Finding;
    const times = list.map((f) => f.event.time.getTime());
    const chain = (first.event.data.delegation ?? []).map((hop) => ({
      type: hop.type,
      id: hop.id,
      scopes: hop.scopes,
    }));
    return candidate(rule, {
      groupKey: origin(first),
      windowKey: first.event.correlationId ?? first.event.eventId,
      windowStart: new Date(Math.min(...times)),
      windowEnd: new Date(Math.max(...times)),
      summary: `Delegation scope escalation: ${first.flag.detail}`,
      explanation: {
        finding: "delegation_escalation",
        details: [...new Set(list.map((f) => f.flag.detail))],
        correlationId: first.event.correlationId,
        chain,
        events: list.length,
      },
      evidenceIds: list.flatMap((f) => [f.event.eventId, ...f.flag.evidence]),
    });
  });
}

import {
  CONSENT_USE_TYPES,
  type ConsentRecord,
  consentFlags,
  consentHumanOf,
  consentLedger,
  consentPartyOf,
} from "../flags/consent";
import { loadConsentContext } from "../flags/consent-load";
import { FLAG_LABELS, type FlagEvent, type FlagMap } from "../flags/types";
import type { EvidenceRow } from "./evidence";

// GDPR: under which consent each use of a person's data ran. The consent rules of lib/flags
// (the consent page and the alerts use the same) find uses outside a consent's scopes or after
// it was revoked, expired or denied; they say nothing when a person never granted anything to
// the agent, which for Art. 30 matters most, so that case is added here with the same matching
// (the agent's own client, or for a delegated use the chain's first agent).

const USE_TYPES = new Set<string>(CONSENT_USE_TYPES);
export const NO_CONSENT_LABEL = "No consent granted before this use";

function toFlagEvent(r: EvidenceRow): FlagEvent {
  return {
    eventId: r.eventId,
    seq: r.seq,
    type: r.type,
    time: r.time,
    outcome: r.outcome,
    actorType: r.actorType,
    actorId: r.actorId,
    agentId: r.agentId,
    onBehalfOfId: r.onBehalfOfId,
    clientId: r.clientId,
    correlationId: r.correlationId,
    data: r.data,
  };
}

function sameParty(record: ConsentRecord, use: FlagEvent, clientsOfAgent: Map<string, string[]>): boolean {
  const party = consentPartyOf(use);
  if (party.delegated) {
    if (!party.agentId) return false;
    if (record.agentId === party.agentId) return true;
    return !!record.clientId && (clientsOfAgent.get(party.agentId) ?? []).includes(record.clientId);
  }
  if (party.clientId && record.clientId === party.clientId) return true;
  return !!party.agentId && record.agentId === party.agentId;
}

/** Sets `consentFinding` on each use in the batch that has one. */
export async function addConsentFindings(tenantId: string, batch: EvidenceRow[]): Promise<void> {
  const uses = batch.filter((r) => USE_TYPES.has(r.type)).map(toFlagEvent);
  const humans = [...new Set(uses.map(consentHumanOf).filter((id): id is string => !!id))];
  if (humans.length === 0) return;
  const context = await loadConsentContext(tenantId, humans);
  const found: FlagMap = new Map();
  consentFlags(uses, context, found);

  const eventsOf = new Map<string, FlagEvent[]>();
  for (const e of context.events) {
    const human = e.onBehalfOfId ?? (e.actorType === "user" ? e.actorId : null);
    if (!human) continue;
    const list = eventsOf.get(human);
    if (list) list.push(e);
    else eventsOf.set(human, [e]);
  }
  const ledgers = new Map<string, ConsentRecord[]>();
  const findings = new Map<string, string>();
  for (const use of uses) {
    const flags = found.get(use.eventId);
    if (flags?.length) {
      findings.set(use.eventId, flags.map((f) => `${FLAG_LABELS[f.kind]}: ${f.detail}`).join(" | "));
      continue;
    }
    const human = consentHumanOf(use) as string | null;
    if (!human) continue;
    let ledger = ledgers.get(human);
    if (!ledger) {
      ledger = consentLedger(eventsOf.get(human) ?? [], new Date(8.64e15));
      ledgers.set(human, ledger);
    }
    const granted = ledger.some(
      (r) => r.grantedAt && r.grantedAt <= use.time && sameParty(r, use, context.clientsOfAgent),
    );
    if (!granted) {
      const party = consentPartyOf(use);
      const what = `${use.type}${use.data.target?.id ? ` ${use.data.target.id}` : ""}`;
      const to = party.clientId ? `client ${party.clientId}` : `agent ${party.agentId ?? use.actorId}`;
      findings.set(use.eventId, `${NO_CONSENT_LABEL}: ${what} ran for ${human}, who had granted no consent to ${to}.`);
    }
  }
  for (const row of batch) row.consentFinding = findings.get(row.eventId) ?? null;
}

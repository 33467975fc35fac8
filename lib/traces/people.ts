import type { Principal } from "../contract/normalize";
import type { EventData } from "../flags/types";

// How the trace page names the people and agents in a request: the sender's display name when
// it gave one, else the id; a human with a session as "Name (user_id:session_id)", the form the
// dashboard uses for sessions everywhere.

export type NamedEvent = { actorId: string; actorType: string; data: EventData };

export function principalName(principal: Pick<Principal, "id" | "name"> | undefined): string | undefined {
  return principal ? principal.name?.trim() || principal.id : undefined;
}

export function actorName(event: NamedEvent): string {
  return principalName(event.data.actor) ?? event.actorId;
}

/** The human behind the event: onBehalfOf, else the chain's first hop, else a user actor. */
export function humanOf(event: NamedEvent): Principal | undefined {
  const { data } = event;
  if (data.onBehalfOf) return data.onBehalfOf;
  const first = data.delegation?.[0];
  if (first?.type === "user") return first;
  if (event.actorType === "user") return data.actor ?? { type: "user", id: event.actorId };
  return undefined;
}

/** "User 42 (u-42:s-9)", "User 42", or "u-42:s-9" when the sender gave no name. */
export function humanLabel(human: Principal, sessionId: string | undefined): string {
  const name = human.name?.trim();
  if (!sessionId) return name || human.id;
  return name ? `${name} (${human.id}:${sessionId})` : `${human.id}:${sessionId}`;
}

/** The agents between the human and the actor in the delegation chain, by name. */
export function intermediaries(event: NamedEvent): string[] {
  const hops = event.data.delegation ?? [];
  if (hops.length < 3) return [];
  return hops.slice(1, -1).map((hop) => principalName(hop) ?? hop.id);
}

export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * "Billing Copilot, acting for User 42 (u-42:s-9) via planner" for an agent acting for a human;
 * the actor's name alone when it acts on its own or is the human.
 */
export function subjectPhrase(event: NamedEvent): string {
  const actor = actorName(event);
  const human = humanOf(event);
  if (!human || event.actorType === "user" || human.id === event.actorId) return actor;
  const via = intermediaries(event);
  const acting = `acting for ${humanLabel(human, event.data.session?.id)}`;
  return `${actor}, ${acting}${via.length ? ` via ${listInWords(via)}` : ""},`;
}

/** "$12,000" from `attributes.amount` and `attributes.currency`, when the sender gave an amount. */
export function amountOf(data: EventData): string | undefined {
  const amount = data.attributes?.amount;
  if (typeof amount !== "number" || !Number.isFinite(amount)) return undefined;
  const currency = typeof data.attributes?.currency === "string" ? data.attributes.currency : undefined;
  if (!currency) return amount.toLocaleString("en-US");
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 2 })
      .format(amount)
      .replace(/\.00$/, "");
  } catch {
    return `${amount.toLocaleString("en-US")} ${currency}`;
  }
}

import type { NormalizedEvent, Principal } from "../contract/normalize";
import { humanOf, isAgentLike, sessionKeyOf } from "./rows";

// Folds a batch of accepted events into one update per registry entry, so the registries
// (agents, human principals, OAuth clients, sessions) cost a statement each, not a row each.

type Seen = { first_seen: string; last_seen: string; event_count: number };

export type AgentUpdate = Seen & {
  agent_id: string;
  name: string | null;
  kind: string;
  kind_explicit: boolean;
  registration: string | null;
  client_ids: string[];
  owner_user_id: string | null;
  owner_since: string | null;
  /** The newest status this batch states for the agent (agent.suspended, agent.updated), by event time. */
  status: AgentStatus | null;
  status_changed_at: string | null;
};
export type AgentStatus = "active" | "suspended";
export type HumanUpdate = Seen & { user_id: string; name: string | null };
export type ClientUpdate = Seen & {
  client_id: string;
  name: string | null;
  kind: string;
  registration: string | null;
  metadata_url: string | null;
  agent_ids: string[];
};
export type SessionUpdate = Seen & {
  session_key: string;
  user_id: string;
  session_id: string;
  client_ids: string[];
  agent_ids: string[];
  mcp_session_ids: string[];
};
export type RegistryUpdates = {
  agents: AgentUpdate[];
  humans: HumanUpdate[];
  clients: ClientUpdate[];
  sessions: SessionUpdate[];
};

const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
const addUnique = (list: string[], value: string | undefined | null) => {
  if (value && !list.includes(value)) list.push(value);
};

function touch<T extends Seen>(map: Map<string, T>, key: string, time: string, counted: boolean, create: () => T): T {
  let entry = map.get(key);
  if (!entry) {
    entry = create();
    map.set(key, entry);
  } else {
    entry.first_seen = earlier(entry.first_seen, time);
    entry.last_seen = later(entry.last_seen, time);
  }
  if (counted) entry.event_count += 1;
  return entry;
}

const seen = (time: string): Seen => ({ first_seen: time, last_seen: time, event_count: 0 });

/** The status an agent.* event sets: suspended, or what agent.updated says in attributes.status. */
function statusStatedBy(event: NormalizedEvent): AgentStatus | null {
  if (event.type === "agent.suspended") return "suspended";
  if (event.type !== "agent.updated") return null;
  const status = (event.attributes as Record<string, unknown> | undefined)?.status;
  return status === "active" || status === "suspended" ? status : null;
}

export function collectRegistryUpdates(events: NormalizedEvent[]): RegistryUpdates {
  const agents = new Map<string, AgentUpdate>();
  const humans = new Map<string, HumanUpdate>();
  const clients = new Map<string, ClientUpdate>();
  const sessions = new Map<string, SessionUpdate>();

  const touchAgent = (principal: Principal, time: string, counted: boolean) => {
    const agent = touch(agents, principal.id, time, counted, () => ({
      ...seen(time),
      agent_id: principal.id,
      name: null,
      kind: principal.type === "service" ? "service" : "ai_agent",
      kind_explicit: false,
      registration: null,
      client_ids: [],
      owner_user_id: null,
      owner_since: null,
      status: null,
      status_changed_at: null,
    }));
    if (principal.name && time === agent.last_seen) agent.name = principal.name;
    return agent;
  };
  const touchHuman = (principal: Principal, time: string, counted: boolean) => {
    const human = touch(humans, principal.id, time, counted, () => ({
      ...seen(time),
      user_id: principal.id,
      name: null,
    }));
    if (principal.name && time === human.last_seen) human.name = principal.name;
  };

  for (const event of events) {
    // The dashboard's own audit trail (x-attest.*) names dashboard accounts and API tokens, not
    // principals of the audited systems: they stay out of the registries, so people lists that
    // every role sees never show who signed in to Attest (that is for admins and auditors).
    if (event.type.startsWith("x-attest.")) continue;
    const { time, actor, client } = event;
    const human = humanOf(event);

    if (isAgentLike(actor)) {
      const agent = touchAgent(actor, time, true);
      if (client) {
        agent.kind = client.kind;
        agent.kind_explicit = true;
        agent.registration = client.registration ?? agent.registration;
        addUnique(agent.client_ids, client.id);
      }
      if (human && (!agent.owner_since || Date.parse(time) < Date.parse(agent.owner_since))) {
        agent.owner_user_id = human.id;
        agent.owner_since = time;
      }
    } else if (actor.type === "user") {
      touchHuman(actor, time, true);
    }
    if (event.onBehalfOf && event.onBehalfOf !== actor) {
      if (event.onBehalfOf.type === "user") touchHuman(event.onBehalfOf, time, true);
    }
    for (const hop of event.delegation ?? []) {
      if (hop.id === actor.id && hop.type === actor.type) continue;
      if (hop.type === "user") touchHuman(hop, time, false);
      else {
        const agent = touchAgent(hop, time, false);
        if (human && (!agent.owner_since || Date.parse(time) < Date.parse(agent.owner_since))) {
          agent.owner_user_id = human.id;
          agent.owner_since = time;
        }
      }
    }
    if (event.approval?.approver?.type === "user") touchHuman(event.approval.approver, time, false);
    if (event.type.startsWith("agent.") && event.target?.type === "agent") {
      const agent = touchAgent({ type: "agent", id: event.target.id, name: event.target.name }, time, false);
      const status = statusStatedBy(event);
      // Newest by event time wins; at equal times the later event in the batch does.
      if (status && (!agent.status_changed_at || Date.parse(time) >= Date.parse(agent.status_changed_at))) {
        agent.status = status;
        agent.status_changed_at = time;
      }
    }

    if (client) {
      const entry = touch(clients, client.id, time, true, () => ({
        ...seen(time),
        client_id: client.id,
        name: null,
        kind: client.kind,
        registration: null,
        metadata_url: null,
        agent_ids: [],
      }));
      entry.kind = client.kind;
      entry.name = client.name ?? entry.name;
      entry.registration = client.registration ?? entry.registration;
      entry.metadata_url = client.metadataUrl ?? entry.metadata_url;
      if (isAgentLike(actor)) addUnique(entry.agent_ids, actor.id);
    }

    const sessionKey = sessionKeyOf(event);
    if (sessionKey && human && event.session) {
      const sessionId = event.session.id;
      const entry = touch(sessions, sessionKey, time, true, () => ({
        ...seen(time),
        session_key: sessionKey,
        user_id: human.id,
        session_id: sessionId,
        client_ids: [],
        agent_ids: [],
        mcp_session_ids: [],
      }));
      addUnique(entry.client_ids, client?.id);
      if (isAgentLike(actor)) addUnique(entry.agent_ids, actor.id);
      addUnique(entry.mcp_session_ids, event.mcp?.sessionId);
    }
  }

  return {
    agents: [...agents.values()],
    humans: [...humans.values()],
    clients: [...clients.values()],
    sessions: [...sessions.values()],
  };
}

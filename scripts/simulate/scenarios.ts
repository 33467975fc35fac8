import { callTools, type ToolCall } from "./agents";
import { revokeConsents } from "./auth-interactions";
import type { AuthServer } from "./auth-server";
import { childSpan, propagationHeaders, rootSpan, USERS } from "./context";
import { type AsEndpoints, authorize, exchangeToken, redeemCode } from "./oauth-client";
import type { Random } from "./random";

// The user actions the simulator plays. Each is one correlation id and one trace: the user
// signs in at the AS, consents (or refuses), the agent redeems its code for a token bound to
// the MCP server, and calls tools there; some actions add delegation, revocation or a token
// from the other tenant.

export const ACTION_KINDS = [
  "refund_large",
  "delegated_refund",
  "revoked_use",
  "cross_tenant",
  "lookup_cimd",
  "consent_denied",
  "export",
  "refund",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export type AgentClient = { clientId: string; agentId: string; name: string };

export type World = {
  /** The home tenant's AS, where the human revokes consent. */
  as: AuthServer;
  /** As the agents discovered them: home from the MCP server's metadata, foreign from its issuer. */
  endpoints: { home: AsEndpoints; foreign: AsEndpoints };
  resource: string;
  scopes: string[];
  agents: {
    planner: AgentClient;
    billing: AgentClient;
    support: AgentClient;
    inbox: AgentClient;
    foreign: AgentClient;
  };
  random: Random;
  runId: string;
};

const CUSTOMERS = ["cus_1001", "cus_1002", "cus_2040", "cus_3307"];

/** The first round plays every kind once, in order; after that the seed chooses. */
export function kindOf(index: number, random: Random): ActionKind {
  if (index < ACTION_KINDS.length) return ACTION_KINDS[index] as ActionKind;
  return random.pick([
    "refund",
    "refund",
    "refund_large",
    "lookup_cimd",
    "export",
    "delegated_refund",
    "revoked_use",
    "cross_tenant",
    "consent_denied",
  ] as const);
}

export async function runAction(world: World, index: number, kind: ActionKind): Promise<string> {
  const { random, agents, resource } = world;
  const user = random.pick(USERS);
  const customer = random.pick(CUSTOMERS);
  // Every choice is drawn before the first await, so concurrent actions cannot reorder them.
  const draws = {
    small: random.int(50, 9_000),
    large: index === 0 ? 12_500 : random.int(10_001, 80_000),
    delegated: random.int(100, 5_000),
    limit: random.chance(0.5) ? random.int(100, 2_000) : random.int(5_001, 50_000),
  };
  const span = rootSpan(`sim-${world.runId}-${String(index).padStart(4, "0")}-${kind}`);
  // A consent flow at `as` for `agent`: the token, or null when the human refused.
  const signIn = async (
    endpoints: AsEndpoints,
    agent: AgentClient,
    scopes: string[],
    decision: "grant" | "deny" = "grant",
  ) => {
    const step = propagationHeaders(childSpan(span));
    const grant = await authorize({
      endpoints,
      clientId: agent.clientId,
      resource,
      scopes,
      user,
      decision,
      headers: step,
    });
    if ("error" in grant) return null;
    return (await redeemCode(endpoints, agent.clientId, resource, grant, step)).access_token;
  };
  const call = async (agent: AgentClient, token: string, calls: ToolCall[]) => {
    const outcome = await callTools(agent.name, resource, token, childSpan(span), calls);
    return outcome.rejected
      ? `token rejected: ${outcome.rejected}`
      : outcome.results.map((r) => (r.isError ? "refused" : "ok")).join(",");
  };

  switch (kind) {
    case "refund":
    case "refund_large": {
      const token = await signIn(world.endpoints.home, agents.planner, ["payments:read", "payments:write"]);
      if (!token) return "no token";
      const amount = kind === "refund" ? draws.small : draws.large;
      return call(agents.planner, token, [{ name: "refund", arguments: { customer, amount } }]);
    }
    case "delegated_refund": {
      const token = await signIn(world.endpoints.home, agents.planner, [
        "payments:read",
        "payments:write",
        "customers:read",
      ]);
      if (!token) return "no token";
      const exchanged = await exchangeToken(
        world.endpoints.home,
        agents.billing.clientId,
        token,
        resource,
        ["payments:write"],
        propagationHeaders(childSpan(span)),
      );
      return call(agents.billing, exchanged.access_token, [
        { name: "refund", arguments: { customer, amount: draws.delegated } },
      ]);
    }
    case "revoked_use": {
      const token = await signIn(world.endpoints.home, agents.inbox, ["customers:read"]);
      if (!token) return "no token";
      await revokeConsents(world.as.state, user, agents.inbox.clientId, propagationHeaders(childSpan(span)));
      return call(agents.inbox, token, [{ name: "customer_lookup", arguments: { customer } }]);
    }
    case "cross_tenant": {
      const token = await signIn(world.endpoints.foreign, agents.foreign, ["customers:read"]);
      if (!token) return "no token";
      return call(agents.foreign, token, [{ name: "customer_lookup", arguments: { customer } }]);
    }
    case "lookup_cimd": {
      const token = await signIn(world.endpoints.home, agents.support, ["customers:read"]);
      if (!token) return "no token";
      return call(agents.support, token, [{ name: "customer_lookup", arguments: { customer } }]);
    }
    case "consent_denied": {
      const token = await signIn(world.endpoints.home, agents.support, ["customers:read", "records:export"], "deny");
      return token ? "unexpected token" : "consent denied";
    }
    case "export": {
      const token = await signIn(world.endpoints.home, agents.support, ["customers:read", "records:export"]);
      if (!token) return "no token";
      return call(agents.support, token, [{ name: "export_records", arguments: { limit: draws.limit } }]);
    }
  }
}

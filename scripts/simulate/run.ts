import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { AttestClient } from "../../lib/sdk";
import type { AttestEvent } from "../../lib/sdk/types";
import { discoverAuthorizationServer, discoverIssuer } from "./agents";
import { TOKEN_EXCHANGE } from "./auth-exchange";
import { registerFromMetadataDocument, startAuthServer } from "./auth-server";
import { propagationHeaders, rootSpan } from "./context";
import { listen, sendJson } from "./http";
import { startMcpServer } from "./mcp-server";
import { REDIRECT_URI, registerDynamically } from "./oauth-client";
import { startDownstream, TOOL_SCOPES } from "./policy";
import { seededRandom } from "./random";
import { type ActionKind, type AgentClient, kindOf, runAction, type World } from "./scenarios";

// Starts every party on loopback, plays user actions at `rate` per second for `durationMs`,
// then stops the parties and flushes the SDK clients.

export type SimulateOptions = {
  endpoint: string;
  key: string;
  foreignKey?: string;
  durationMs: number;
  rate: number;
  seed: number;
  approvalWaitMs?: number;
  /** Keep starting actions past the duration until this many have started (tests: every kind once). */
  minActions?: number;
  /** Checked before each new action: Ctrl-C ends the run early (the actions in flight finish). */
  shouldStop?: () => boolean;
  log?: (line: string) => void;
};

export type SimulateSummary = {
  runId: string;
  actions: number;
  byKind: Partial<Record<ActionKind, number>>;
  failures: string[];
  correlationIds: string[];
  sent: number;
  duplicates: number;
  rejected: number;
  dropped: number;
  foreign?: { sent: number; dropped: number };
};

const SCOPES = ["payments:read", ...Object.values(TOOL_SCOPES)];
const TENANT = "sim-home";
const FOREIGN_TENANT = "sim-foreign";

export async function simulate(options: SimulateOptions): Promise<SimulateSummary> {
  const log = options.log ?? (() => undefined);
  const runId = `${options.seed}-${randomBytes(3).toString("hex")}`;
  const sdk = new AttestClient({
    endpoint: options.endpoint,
    apiKey: options.key,
    handleExit: false,
    flushIntervalMs: 250,
  });
  const foreignSdk = options.foreignKey
    ? new AttestClient({
        endpoint: options.endpoint,
        apiKey: options.foreignKey,
        handleExit: false,
        flushIntervalMs: 250,
      })
    : undefined;
  const send = (event: AttestEvent) => void sdk.send(event);
  // Without a foreign key the other tenant's AS still runs; its own events go nowhere.
  const sendForeign = (event: AttestEvent) => void foreignSdk?.send(event);

  const downstream = await startDownstream();
  const mcp = await startMcpServer({
    tenant: TENANT,
    send,
    downstreamUrl: downstream.url,
    approvalWaitMs: options.approvalWaitMs ?? 400,
  });
  const foreignClient = {
    client_id: "foreign-support-agent",
    token_endpoint_auth_method: "none",
    application_type: "native",
    redirect_uris: [REDIRECT_URI],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  };
  const as = await startAuthServer({ tenant: TENANT, resource: mcp.resource, scopes: SCOPES, send });
  const foreignAs = await startAuthServer({
    tenant: FOREIGN_TENANT,
    resource: mcp.resource,
    scopes: SCOPES,
    send: sendForeign,
    clients: [
      {
        metadata: foreignClient,
        info: { agentId: "foreign-support-agent", agentName: "Foreign support agent", registration: "pre_registered" },
      },
    ],
  });
  mcp.trust(as.issuer, true);
  mcp.trust(foreignAs.issuer);
  // The client metadata document of the support agent, served as its https client_id would be.
  const supportId = "https://support-agent.sim.attest.example/oauth-client.json";
  const documents = await listen((_req, res) =>
    sendJson(res, 200, {
      client_id: supportId,
      client_name: "Support agent",
      software_id: "support-agent",
      redirect_uris: [REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      application_type: "native",
    }),
  );
  const servers = [downstream, mcp, as, foreignAs, documents];
  try {
    const setup = (name: string) => propagationHeaders(rootSpan(`sim-${runId}-setup-${name}`));
    const dynamic = async (id: string, name: string, grants: string[]): Promise<AgentClient> => ({
      clientId: await registerDynamically(home, { id, name }, grants, setup(id)),
      agentId: id,
      name,
    });
    // The agents know only the MCP server's URL: its 401 leads them to the AS (RFC 9728).
    const home = await discoverAuthorizationServer(mcp.resource, setup("discovery"));
    if (home.issuer !== as.issuer) throw new Error(`discovery found ${home.issuer}, expected ${as.issuer}`);
    const world: World = {
      as,
      endpoints: { home, foreign: await discoverIssuer(foreignAs.issuer) },
      resource: mcp.resource,
      scopes: SCOPES,
      random: seededRandom(options.seed),
      runId,
      agents: {
        planner: await dynamic("planner-agent", "Planner agent", ["authorization_code"]),
        billing: await dynamic("billing-agent", "Billing agent", [TOKEN_EXCHANGE]),
        inbox: await dynamic("inbox-agent", "Inbox agent", ["authorization_code"]),
        support: {
          clientId: await registerFromMetadataDocument(
            as,
            supportId,
            `${documents.url}/oauth-client.json`,
            setup("support-agent"),
          ),
          agentId: "support-agent",
          name: "Support agent",
        },
        foreign: { clientId: "foreign-support-agent", agentId: "foreign-support-agent", name: "Foreign support agent" },
      },
    };
    log(`authorization server ${as.issuer}, MCP server ${mcp.resource}, other tenant's AS ${foreignAs.issuer}`);
    const summary = await play(world, options, log);
    return { ...summary, ...(await finish(sdk, foreignSdk)) };
  } finally {
    for (const server of servers.reverse()) await server.close();
    await sdk.shutdown();
    await foreignSdk?.shutdown();
  }
}

async function play(world: World, options: SimulateOptions, log: (line: string) => void) {
  const interval = 1000 / options.rate;
  const started = Date.now();
  const running: Promise<void>[] = [];
  const byKind: Partial<Record<ActionKind, number>> = {};
  const failures: string[] = [];
  const correlationIds: string[] = [];
  for (
    let index = 0;
    (Date.now() - started < options.durationMs || index < (options.minActions ?? 0)) && !options.shouldStop?.();
    index++
  ) {
    const kind = kindOf(index, world.random);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    correlationIds.push(`sim-${world.runId}-${String(index).padStart(4, "0")}-${kind}`);
    const action = runAction(world, index, kind).then(
      (result) => log(`#${index} ${kind}: ${result}`),
      (error: unknown) => {
        failures.push(`#${index} ${kind}: ${(error as Error).message}`);
        log(`#${index} ${kind} failed: ${(error as Error).message}`);
      },
    );
    running.push(action);
    await sleep(Math.max(0, started + (index + 1) * interval - Date.now()));
  }
  await Promise.all(running);
  return { runId: world.runId, actions: running.length, byKind, failures, correlationIds };
}

async function finish(sdk: AttestClient, foreignSdk: AttestClient | undefined) {
  await sdk.flush();
  await foreignSdk?.flush();
  const stats = sdk.stats();
  const foreign = foreignSdk?.stats();
  return {
    sent: stats.sent,
    duplicates: stats.duplicates,
    rejected: stats.rejected,
    dropped: stats.dropped,
    ...(foreign ? { foreign: { sent: foreign.sent, dropped: foreign.dropped + foreign.rejected } } : {}),
  };
}

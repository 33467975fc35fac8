import type { SelfAuditActor } from "./record";

// Who did it and from where, in the shape every x-attest.* event uses (README: "Self-audit
// events"). People are `user` actors named by email; API tokens and the CLI are `service` actors.

export const CLI_ACTOR_ID = "attest-cli";

export function userActor(user: { email: string; name?: string | null }): SelfAuditActor {
  return { type: "user", id: user.email, name: user.name ?? null };
}

export function tokenActor(token: { prefix: string; name?: string | null }): SelfAuditActor {
  return { type: "service", id: `token:${token.prefix}`, name: token.name ?? null };
}

/** The CLI acts as a service; the OS account that ran it goes into `attributes.osUser`. */
export function cliActor(): SelfAuditActor {
  return { type: "service", id: CLI_ACTOR_ID, name: "Attest CLI" };
}

export function cliAttributes(): Record<string, string> {
  const osUser = process.env.SUDO_USER || process.env.USER || process.env.LOGNAME;
  return osUser ? { osUser } : {};
}

/**
 * The actor behind a rule-set version's `actor` label (`user:<email>`, or `token:<prefix>
 * (<name>)` from lib/api/route.ts), or null for system labels (`system:demo-seed`,
 * `system:bench`): seeding and benchmarks are not people acting in the dashboard.
 */
export function actorFromLabel(label: string): SelfAuditActor | null {
  const user = /^user:(.+)$/.exec(label);
  if (user?.[1]) return { type: "user", id: user[1] };
  const token = /^token:(\S+)(?: \((.*)\))?$/.exec(label);
  if (token?.[1]) return tokenActor({ prefix: token[1], name: token[2] ?? null });
  if (label === CLI_ACTOR_ID || label.startsWith(`${CLI_ACTOR_ID}:`)) return cliActor();
  return null;
}

export type ClientInfo = { clientIp?: string; userAgent?: string };

type HeaderSource = Headers | Record<string, unknown> | undefined | null;

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  const value = source instanceof Headers ? source.get(name) : source[name];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/**
 * The client's address (first hop of X-Forwarded-For, or X-Real-IP) and user agent. Both are
 * whatever the proxy in front of Attest passes on; they are evidence, not authentication.
 */
export function clientInfo(source: HeaderSource): ClientInfo {
  const forwarded = header(source, "x-forwarded-for")?.split(",")[0]?.trim();
  const clientIp = forwarded || header(source, "x-real-ip");
  const userAgent = header(source, "user-agent")?.slice(0, 512);
  return { ...(clientIp ? { clientIp: clientIp.slice(0, 64) } : {}), ...(userAgent ? { userAgent } : {}) };
}

/** Client info of the request being handled, or nothing outside a request (CLI, tests, jobs). */
export async function currentClientInfo(): Promise<ClientInfo> {
  try {
    const { headers } = await import("next/headers");
    return clientInfo(await headers());
  } catch {
    return {};
  }
}

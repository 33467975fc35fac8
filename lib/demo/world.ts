import { buildCast, type Cast, type DemoAgent, type DemoUser } from "./cast";
import { Random } from "./random";
import type { DemoEvent } from "./types";

// Mutable state of one generation run: who is registered, signed in, consented and holding
// a token. Flows read and update it so that events stay causally coherent.

export type EventInput = Omit<DemoEvent, "id" | "time">;
export type Stamped = { ms: number; n: number; event: DemoEvent };

export type SessionState = { id: string; userId: string; startedAt: number; lastAt: number };
export type ConsentState = { id: string; scopes: string[]; status: "granted" | "denied" | "revoked"; at: number };
export type TokenState = { jti: string; issuedAt: number; expiresAt: number; refreshes: number };

export const TOKEN_TTL_MS = 60 * 60 * 1000;
const SESSION_TTL_MS = 9 * 60 * 60 * 1000;

export class World {
  readonly random: Random;
  readonly cast: Cast;
  readonly seed: number;
  readonly tenant: string;
  private n = 0;
  private out: Stamped[] = [];

  readonly registered = new Set<string>();
  readonly sessions = new Map<string, SessionState>();
  readonly consents = new Map<string, ConsentState>();
  readonly tokens = new Map<string, TokenState>();
  readonly mcpSessions = new Map<string, string>();
  readonly suspended = new Set<string>();

  constructor(seed: number, tenant: string) {
    this.seed = seed;
    this.tenant = tenant;
    this.random = new Random(seed);
    this.cast = buildCast(seed, this.random);
  }

  get generated(): number {
    return this.n;
  }

  /** Appends one event; ids are `demo-<seed>-<n>` in generation order, so they are stable per seed. */
  emit(ms: number, input: EventInput): DemoEvent {
    const { type, ...rest } = input;
    const event = {
      id: `demo-${this.seed}-${this.n}`,
      type,
      time: new Date(Math.round(ms)).toISOString(),
    } as DemoEvent;
    // Optional fields a flow left undefined are dropped, so the JSON is the same as the object.
    for (const [key, value] of Object.entries(rest))
      if (value !== undefined) (event as Record<string, unknown>)[key] = value;
    this.out.push({ ms: Math.round(ms), n: this.n, event });
    this.n++;
    return event;
  }

  /** Hands over everything emitted since the last drain. */
  drain(): Stamped[] {
    const taken = this.out;
    this.out = [];
    return taken;
  }

  newRequest(prefix = "req"): Request {
    return new Request(this.random, `${prefix}-${this.random.hex(16)}`);
  }

  pairKey(user: DemoUser, agent: DemoAgent): string {
    return `${user.id}|${agent.id}`;
  }
}

/** One request: a correlation id and a W3C trace whose spans nest under a root span. */
export class Request {
  readonly traceId: string;
  readonly rootSpan: string;

  constructor(
    private readonly random: Random,
    readonly correlationId: string,
  ) {
    this.traceId = random.hex(32);
    this.rootSpan = random.hex(16);
  }

  root(): NonNullable<DemoEvent["trace"]> {
    return { traceId: this.traceId, spanId: this.rootSpan };
  }

  child(parentSpanId = this.rootSpan): NonNullable<DemoEvent["trace"]> {
    return { traceId: this.traceId, spanId: this.random.hex(16), parentSpanId };
  }

  /** The same span, as the `traceparent` header form the contract also accepts. */
  static traceparent(trace: NonNullable<DemoEvent["trace"]>): string {
    return `00-${trace.traceId}-${trace.spanId}-01`;
  }
}

export { SESSION_TTL_MS };

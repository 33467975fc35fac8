import { ApiError } from "../api/errors";

// A token bucket per tenant, in events: it protects Postgres from one noisy sender while
// letting bursts through. In-process, so with several app instances each enforces its own share.
type Bucket = { tokens: number; updatedAt: number };

const buckets = new Map<string, Bucket>();

export type RateLimit = { eventsPerSecond: number; burst: number };

export function rateLimitFromEnv(): RateLimit {
  const eventsPerSecond = Number(process.env.INGEST_RATE_LIMIT ?? 20_000);
  const burst = Number(process.env.INGEST_RATE_BURST ?? eventsPerSecond * 5);
  return { eventsPerSecond, burst };
}

/** Takes `count` tokens or throws 429 with how long to wait. A rate of 0 disables the limit. */
export function takeIngestTokens(
  tenantId: string,
  count: number,
  limit: RateLimit = rateLimitFromEnv(),
  now = Date.now(),
) {
  if (!(limit.eventsPerSecond > 0)) return;
  const bucket = buckets.get(tenantId) ?? { tokens: limit.burst, updatedAt: now };
  bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.eventsPerSecond);
  bucket.updatedAt = now;
  buckets.set(tenantId, bucket);
  if (bucket.tokens >= count) {
    bucket.tokens -= count;
    return;
  }
  const seconds = Math.max(1, Math.ceil((count - bucket.tokens) / limit.eventsPerSecond));
  throw new ApiError(
    429,
    "rate_limited",
    `Too many events for this tenant; retry in ${seconds} s. Nothing was stored.`,
    {
      "Retry-After": String(seconds),
    },
  );
}

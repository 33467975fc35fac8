// One POST of one batch to the collector, and what its answer means for the sender.

export type RejectedEvent = { index: number; id?: string; errors: unknown };

export type DeliveryResult =
  /** 200/207/400 with the contract's body: the batch is settled; rejected entries are final. */
  | { kind: "settled"; accepted: number; duplicates: number; rejected: RejectedEvent[] }
  /** 429, 502, 503, 504, network error or timeout: the same batch may be sent again. */
  | { kind: "retry"; retryAfterMs: number | null; error: unknown }
  /** 401/403: the key is wrong; retrying would only hammer the collector. */
  | { kind: "unauthorized"; status: number; error: unknown }
  /** 413: too large for this collector; the sender splits the batch. */
  | { kind: "too_large"; error: unknown }
  /** Any other answer: the batch cannot be delivered as is. */
  | { kind: "failed"; status: number; error: unknown };

const RETRYABLE = new Set([429, 502, 503, 504]);

export type PostBatchOptions = {
  fetch: typeof fetch;
  url: string;
  apiKey: string;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
  parseRetryAfter: (value: string | null) => number | null;
};

export async function postBatch(options: PostBatchOptions): Promise<DeliveryResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${options.apiKey}` },
      body: options.body,
      signal,
    });
    text = await response.text();
  } catch (error) {
    // Connection refused or reset, DNS, timeout: the collector may or may not have stored the
    // batch; resending it is safe because every event carries its id.
    return { kind: "retry", retryAfterMs: null, error };
  }
  const body = parseJson(text);
  const status = response.status;
  if ((status === 200 || status === 207 || status === 400) && isIngestResult(body)) {
    return {
      kind: "settled",
      accepted: body.accepted,
      duplicates: body.duplicates,
      rejected: body.rejected,
    };
  }
  const error = { status, body: body ?? text };
  if (RETRYABLE.has(status)) {
    return { kind: "retry", retryAfterMs: options.parseRetryAfter(response.headers.get("retry-after")), error };
  }
  if (status === 401 || status === 403) return { kind: "unauthorized", status, error };
  if (status === 413) return { kind: "too_large", error };
  return { kind: "failed", status, error };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isIngestResult(body: unknown): body is { accepted: number; duplicates: number; rejected: RejectedEvent[] } {
  if (typeof body !== "object" || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return (
    typeof candidate.accepted === "number" &&
    typeof candidate.duplicates === "number" &&
    Array.isArray(candidate.rejected)
  );
}

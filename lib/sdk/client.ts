import { backoffDelay, parseRetryAfter, sleep } from "./backoff";
import { type ExitAware, registerExitHooks, unregisterExitHooks } from "./exit-hooks";
import { newEventId } from "./ids";
import { Queue } from "./queue";
import { type DeliveryResult, postBatch } from "./transport";
import type { AttestClientOptions, AttestClientStats, AttestEvent, DropInfo, DropReason } from "./types";

// A buffered, batching sender for the collector. `send` only serializes and enqueues; one
// background loop ("pump") drains the buffer, one request at a time so order is preserved.

const MAX_BATCH = 1000; // the contract's per-request limit
const MAX_BODY_BYTES = 4 * 1024 * 1024; // under the collector's 5 MB, leaving room for framing
const MAX_EVENT_BYTES = 32 * 1024; // the contract's per-event limit
const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

type Buffered = { seq: number; id: string; json: string; bytes: number };
type Waiter = { seq: number; resolve: () => void };

export class AttestClient implements ExitAware {
  private readonly url: string;
  private readonly options: Required<Omit<AttestClientOptions, "onDrop" | "onError" | "fetch">> &
    Pick<AttestClientOptions, "onDrop" | "onError"> & { fetch: typeof fetch };
  private readonly queue = new Queue<Buffered>();
  private readonly waiters: Waiter[] = [];
  private readonly counts = { sent: 0, duplicates: 0, rejected: 0, dropped: 0, retries: 0 };
  private lastSeq = 0;
  private settledSeq = 0;
  private inFlight = 0;
  private pumping: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private refusedKey: unknown = null;
  private readonly deadline = new AbortController();

  constructor(options: AttestClientOptions) {
    if (!options.endpoint) throw new TypeError("AttestClient: endpoint is required");
    if (!options.apiKey) throw new TypeError("AttestClient: apiKey is required");
    this.url = `${options.endpoint.replace(/\/+$/, "")}/api/v1/events`;
    this.options = {
      endpoint: options.endpoint,
      apiKey: options.apiKey,
      batchSize: clamp(options.batchSize ?? 100, 1, MAX_BATCH),
      flushIntervalMs: Math.max(0, options.flushIntervalMs ?? 1000),
      maxBufferSize: Math.max(1, options.maxBufferSize ?? 10_000),
      maxRetries: Math.max(0, options.maxRetries ?? 8),
      initialBackoffMs: Math.max(0, options.initialBackoffMs ?? 250),
      maxBackoffMs: Math.max(0, options.maxBackoffMs ?? 30_000),
      requestTimeoutMs: Math.max(1, options.requestTimeoutMs ?? 10_000),
      exitTimeoutMs: Math.max(0, options.exitTimeoutMs ?? 10_000),
      handleExit: options.handleExit ?? true,
      fetch: options.fetch ?? globalThis.fetch,
      onDrop: options.onDrop,
      onError: options.onError,
    };
    if (this.options.handleExit) registerExitHooks(this);
  }

  /** Never blocks, never throws for a full buffer: returns the event's stable id, or null if dropped. */
  send(event: AttestEvent): string | null {
    const id = event.id ?? newEventId();
    if (this.closed) return this.dropNow("shutdown", id, "the client is shut down");
    if (this.refusedKey) return this.dropNow("rejected", id, this.refusedKey);
    if (this.queue.length >= this.options.maxBufferSize) {
      return this.dropNow("buffer_full", id, `the buffer holds ${this.options.maxBufferSize} events`);
    }
    let json: string;
    try {
      // Serializing now snapshots the event: later changes by the caller do not leak into it.
      json = JSON.stringify({ ...event, id, time: event.time ?? new Date().toISOString() });
    } catch (error) {
      return this.dropNow("rejected", id, [{ path: "", message: `not serializable: ${String(error)}` }]);
    }
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_EVENT_BYTES) {
      const message = `is ${bytes} bytes; an event may be at most ${MAX_EVENT_BYTES} bytes`;
      return this.dropNow("rejected", id, [{ path: "", message }]);
    }
    this.lastSeq += 1;
    this.queue.push({ seq: this.lastSeq, id, json, bytes });
    if (this.queue.length >= this.options.batchSize) this.kick();
    else this.schedule();
    return id;
  }

  /** Sends everything buffered so far (with retries); resolves once each of those events is settled. */
  flush(): Promise<void> {
    const target = this.lastSeq;
    if (this.settledSeq >= target) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ seq: target, resolve }));
    this.kick();
    return done;
  }

  /** Stops timers, flushes, and drops (and reports) whatever is still unsent at the deadline. */
  async shutdown(timeoutMs = this.options.exitTimeoutMs): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const deadline = setTimeout(() => this.deadline.abort(), timeoutMs);
    try {
      await this.flush();
      await this.pumping;
    } finally {
      clearTimeout(deadline);
      unregisterExitHooks(this);
    }
  }

  stats(): AttestClientStats {
    return { buffered: this.queue.length, inFlight: this.inFlight, ...this.counts };
  }

  /** @internal exit hook: the program has nothing left to do, so this is the last chance to send. */
  shutdownOnExit(): Promise<void> {
    return this.shutdown();
  }

  private schedule() {
    if (this.timer || this.pumping) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, this.options.flushIntervalMs);
    // The interval alone must not keep a finished program alive; beforeExit flushes instead.
    this.timer.unref?.();
  }

  private kick() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pumping) return;
    this.pumping = this.pump()
      .catch((error) => this.report(error))
      .finally(() => {
        this.pumping = null;
        if (this.queue.length > 0 && !this.closed) this.schedule();
      });
  }

  private async pump() {
    while (this.queue.length > 0) {
      if (this.deadline.signal.aborted) {
        this.drop("shutdown", this.queue.drain(), "shutdown deadline reached");
        return;
      }
      await this.deliver(this.takeBatch());
    }
  }

  private takeBatch(): Buffered[] {
    const batch: Buffered[] = [];
    let bytes = 2;
    for (let next = this.queue.peek(); next; next = this.queue.peek()) {
      if (batch.length >= this.options.batchSize) break;
      if (batch.length > 0 && bytes + next.bytes + 1 > MAX_BODY_BYTES) break;
      bytes += next.bytes + 1;
      batch.push(next);
      this.queue.shift();
    }
    return batch;
  }

  private async deliver(batch: Buffered[]): Promise<void> {
    this.inFlight = batch.length;
    try {
      const body = `[${batch.map((item) => item.json).join(",")}]`;
      for (let attempt = 0; ; attempt++) {
        const result = await postBatch({
          fetch: this.options.fetch,
          url: this.url,
          apiKey: this.options.apiKey,
          body,
          timeoutMs: this.options.requestTimeoutMs,
          signal: this.deadline.signal,
          parseRetryAfter: (value) => parseRetryAfter(value),
        });
        if (result.kind !== "retry") return this.settle(batch, result);
        if (this.deadline.signal.aborted) return this.drop("shutdown", batch, result.error);
        if (attempt >= this.options.maxRetries) return this.drop("retries_exhausted", batch, result.error);
        this.report(result.error);
        this.counts.retries += 1;
        const jittered = backoffDelay(attempt, this.options.initialBackoffMs, this.options.maxBackoffMs);
        // Retry-After wins over our own backoff, within reason: a bogus hour-long value must not
        // park the client (shutdown's deadline cuts any wait short anyway).
        const retryAfter = Math.min(result.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
        await sleep(Math.max(jittered, retryAfter), this.deadline.signal);
      }
    } finally {
      this.inFlight = 0;
    }
  }

  private async settle(batch: Buffered[], result: Exclude<DeliveryResult, { kind: "retry" }>): Promise<void> {
    switch (result.kind) {
      case "settled": {
        this.counts.sent += result.accepted;
        this.counts.duplicates += result.duplicates;
        if (result.rejected.length > 0) {
          const rejected = result.rejected.map((entry) => ({ ...entry, id: entry.id ?? batch[entry.index]?.id }));
          this.counts.rejected += rejected.length;
          this.notify({
            reason: "rejected",
            count: rejected.length,
            ids: rejected.map((entry) => entry.id ?? ""),
            errors: rejected,
          });
        }
        return this.markSettled(batch);
      }
      case "too_large":
        if (batch.length > 1) {
          // A collector configured below the contract's limits: halve until it fits.
          const half = Math.ceil(batch.length / 2);
          await this.deliver(batch.slice(0, half));
          return this.deliver(batch.slice(half));
        }
        return this.drop("rejected", batch, result.error);
      case "unauthorized":
        // A refused key will not get better by retrying: stop sending and report everything.
        this.refusedKey = result.error;
        this.report(result.error);
        this.drop("rejected", batch, result.error);
        return this.drop("rejected", this.queue.drain(), result.error);
      case "failed":
        return this.drop("rejected", batch, result.error);
    }
  }

  private drop(reason: DropReason, items: Buffered[], errors: unknown) {
    if (items.length === 0) return;
    if (reason === "rejected") this.counts.rejected += items.length;
    else this.counts.dropped += items.length;
    this.notify({ reason, count: items.length, ids: items.map((item) => item.id), errors });
    this.markSettled(items);
  }

  private dropNow(reason: DropReason, id: string, errors: unknown): null {
    if (reason === "rejected") this.counts.rejected += 1;
    else this.counts.dropped += 1;
    this.notify({ reason, count: 1, ids: [id], errors });
    return null;
  }

  private markSettled(items: Buffered[]) {
    const last = items[items.length - 1];
    if (last && last.seq > this.settledSeq) this.settledSeq = last.seq;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter && waiter.seq <= this.settledSeq) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private notify(info: DropInfo) {
    try {
      this.options.onDrop?.(info);
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown) {
    try {
      this.options.onError?.(error);
    } catch {
      // A failing error handler must not break delivery.
    }
  }
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, Math.floor(value)));
}

import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, pool } from "../db";
import { clearFailures, lockedForSeconds, MAX_FAILURES_PER_EMAIL, recordFailure, throttleKeys } from "./throttle";

// The throttle keeps its clock in Postgres (now()), so time is moved by shifting the stored
// timestamps back instead of waiting.

const freshEmail = () => `throttle-${randomBytes(4).toString("hex")}@throttle.attest.test`;

async function fail(email: string, times: number, address?: string) {
  for (let i = 0; i < times; i++) await recordFailure(throttleKeys(email, address));
}

const lockedFor = (email: string) => lockedForSeconds([`email:${email}`]);

async function shiftBack(key: string, minutes: number) {
  await pool().query(
    `UPDATE sign_in_throttle SET window_start = window_start - make_interval(mins => $2),
       locked_until = locked_until - make_interval(mins => $2) WHERE key = $1`,
    [key, minutes],
  );
}

afterAll(() => disconnectDb());

describe("sign-in throttle", () => {
  it(`locks an email after ${MAX_FAILURES_PER_EMAIL} failures, for about 15 minutes`, async () => {
    const email = freshEmail();
    await fail(email, MAX_FAILURES_PER_EMAIL - 1);
    expect(await lockedFor(email)).toBe(0);
    await fail(email, 1);
    const seconds = await lockedFor(email);
    expect(seconds).toBeGreaterThan(14 * 60);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
  });

  it("is case-insensitive about the email", async () => {
    const email = freshEmail();
    await fail(email.toUpperCase(), MAX_FAILURES_PER_EMAIL);
    expect(await lockedFor(email)).toBeGreaterThan(0);
  });

  it("clears the count after a successful sign-in", async () => {
    const email = freshEmail();
    await fail(email, MAX_FAILURES_PER_EMAIL - 1);
    await clearFailures(email);
    await fail(email, MAX_FAILURES_PER_EMAIL - 1);
    expect(await lockedFor(email)).toBe(0);
  });

  it("lets a lock expire", async () => {
    const email = freshEmail();
    await fail(email, MAX_FAILURES_PER_EMAIL);
    expect(await lockedFor(email)).toBeGreaterThan(0);
    await shiftBack(`email:${email}`, 16);
    expect(await lockedFor(email)).toBe(0);
    // A failure after the window starts a new count instead of locking again at once.
    await fail(email, 1);
    expect(await lockedFor(email)).toBe(0);
    const { rows } = await pool().query("SELECT failures FROM sign_in_throttle WHERE key = $1", [`email:${email}`]);
    expect(rows[0]?.failures).toBe(1);
  });

  it("forgets failures older than the window", async () => {
    const email = freshEmail();
    await fail(email, MAX_FAILURES_PER_EMAIL - 1);
    await shiftBack(`email:${email}`, 16);
    await fail(email, 1);
    expect(await lockedFor(email)).toBe(0);
  });

  it("counts failures per client address too, across emails", async () => {
    const address = `2001:db8::${randomBytes(2).toString("hex")}`;
    for (let i = 0; i < 20; i++) await fail(freshEmail(), 1, address);
    expect(await lockedForSeconds([`addr:${address}`])).toBeGreaterThan(0);
    // A different email from that address is refused as well, which authorize() checks first.
    expect(await lockedForSeconds(throttleKeys(freshEmail(), address).map((k) => k.key))).toBeGreaterThan(0);
  });
});

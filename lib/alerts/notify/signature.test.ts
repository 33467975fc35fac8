import { describe, expect, it } from "vitest";
import { destinationUrlProblem } from "./destinations";
import { signatureHeader, verifySignature } from "./signature";

// The pure parts of webhook notifications (delivery end to end: notify.test.ts).

describe("signatures and destination URLs", () => {
  it("rejects a stale timestamp and a missing or malformed header", () => {
    const body = '{"a":1}';
    const old = signatureHeader("s3cret", body, new Date(Date.now() - 301_000));
    expect(verifySignature("s3cret", old, body)).toBe(false);
    expect(verifySignature("s3cret", old, body, 600)).toBe(true);
    expect(verifySignature("s3cret", null, body)).toBe(false);
    expect(verifySignature("s3cret", "v1=abc", body)).toBe(false);
  });

  it("takes https anywhere and plain http only to this machine outside production", () => {
    expect(destinationUrlProblem("https://hooks.slack.com/services/x", true)).toBeNull();
    expect(destinationUrlProblem("http://127.0.0.1:9000/hook", false)).toBeNull();
    expect(destinationUrlProblem("http://localhost/hook", false)).toBeNull();
    expect(destinationUrlProblem("http://127.0.0.1:9000/hook", true)).toBe("must use https");
    expect(destinationUrlProblem("http://example.com/hook", false)).not.toBeNull();
    expect(destinationUrlProblem("https://user:pw@example.com/", false)).not.toBeNull();
    expect(destinationUrlProblem("not a url", false)).not.toBeNull();
  });
});

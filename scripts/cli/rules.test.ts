import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { attestWithEnv } from "./run-attest";

// `attest rules validate` lints a rule set file the way a CI job runs it: no database at all.

const { DATABASE_URL: _unused, ...offline } = process.env;
const dir = mkdtempSync(path.join(tmpdir(), "attest-rules-"));
const example = readFileSync(path.resolve(import.meta.dirname, "../../lib/alerts/rules/example-rules.yaml"), "utf8");

describe("attest rules validate", () => {
  it("accepts the documented example without a database", async () => {
    const run = await attestWithEnv(offline, "rules", "validate", "lib/alerts/rules/example-rules.yaml");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      "lib/alerts/rules/example-rules.yaml: valid, 5 rule(s) (1 threshold, 1 sequence, 3 detector)",
    );
  });

  it("fails with file:line: path: message for each mistake", async () => {
    const file = path.join(dir, "broken.yaml");
    writeFileSync(file, example.replace("window: 5m", "window: soon").replace("severity: critical", "severity: dire"));
    const run = await attestWithEnv(offline, "rules", "validate", file);
    expect(run.code).toBe(1);
    const line = (needle: string) => example.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(run.stderr).toContain(`${file}:${line("window: 5m")}: rules[0].window: must be a duration`);
    expect(run.stderr).toContain(`${file}:${line("severity: critical")}: rules[1].severity:`);
    expect(run.stderr).toContain("2 error(s); nothing was applied.");
  });

  it("says so when the file cannot be read, and refuses a missing argument", async () => {
    const missing = await attestWithEnv(offline, "rules", "validate", path.join(dir, "nope.yaml"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read");
    const usage = await attestWithEnv(offline, "rules", "validate");
    expect(usage.code).toBe(2);
  });
});

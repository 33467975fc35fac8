import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { diffRuleSets } from "./diff";
import { parseRuleSet, ruleSetToYaml } from "./document";
import type { RuleSet } from "./schema";
import { applyRuleSet, currentRuleSet, RuleVersionConflict, restoreRuleSetVersion, ruleSetVersions } from "./store";

const example = readFileSync(path.join(import.meta.dirname, "example-rules.yaml"), "utf8");

function parsed(text: string): RuleSet {
  const result = parseRuleSet(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ruleSet;
}

describe("rule set documents", () => {
  it("parses the documented example, fills defaults, and survives a YAML round trip", () => {
    const ruleSet = parsed(example);
    expect(ruleSet.rules.map((r) => `${r.id}:${r.kind}`)).toEqual([
      "denial-burst:threshold",
      "approval-skipped:sequence",
      "consent-revoked-use:detector",
      "cross-tenant-token:detector",
      "agent-rate-spike:detector",
    ]);
    expect(ruleSet.rules[1]).toMatchObject({ enabled: true, notify: [] });
    expect(parsed(ruleSetToYaml(ruleSet))).toEqual(ruleSet);
    // JSON is YAML too.
    expect(parsed(JSON.stringify(ruleSet))).toEqual(ruleSet);
  });

  it("names the field and the line of every mistake", () => {
    const broken = example
      .replace("window: 5m", "window: 5 minutes")
      .replace("outcomes: [denied]", "outcomes: [refused]")
      .replace("detector: cross_tenant_token", "detector: cross_tenant_token\n    params: { zScore: 2 }")
      .replace("id: agent-rate-spike", "id: denial-burst");
    const result = parseRuleSet(broken);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    const lineOf = (needle: string) => broken.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "rules[0].window", line: lineOf("window: 5 minutes") }),
        expect.objectContaining({ path: "rules[0].match.outcomes[0]", line: lineOf("[refused]") }),
        expect.objectContaining({
          path: "rules[3].params.zScore",
          message: "cross_tenant_token takes no parameters",
        }),
        expect.objectContaining({ path: "rules[4].id", message: 'duplicates rules[0].id "denial-burst"' }),
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it("refuses unknown fields, bad YAML and a wrong format version", () => {
    const typo = parseRuleSet(example.replace("groupBy: agent", "groupBy: agent\n    treshold: 5"));
    expect(typo.ok ? [] : typo.errors.map((e) => e.path)).toEqual(["rules[0]"]);
    expect(parseRuleSet("version: 1\nrules: [").ok).toBe(false);
    expect(parseRuleSet("version: 2\nrules: []").ok).toBe(false);
    expect(parseRuleSet("version: 1\nrules: []").ok).toBe(true);
  });

  it("diffs rule by rule and field by field", () => {
    const before = parsed(example);
    const after = parsed(
      example.replace("count: 5", "count: 8").replace(/ {2}- id: cross-tenant-token[\s\S]*?(?= {2}- id: agent)/, ""),
    );
    after.rules.push({ ...(after.rules[0] as RuleSet["rules"][number]), id: "denial-burst-users", name: "By user" });
    expect(diffRuleSets(before, after)).toEqual({
      added: ["denial-burst-users"],
      removed: ["cross-tenant-token"],
      changed: [{ id: "denial-burst", changes: [{ field: "count", before: 5, after: 8 }] }],
      reordered: false,
    });
  });
});

describe("rule set versions", () => {
  it("round-trips: export, edit, dry run, apply, history, restore", async () => {
    const { tenant } = await tenantWithKey("rules");
    expect(await currentRuleSet(tenant.id)).toEqual({ version: 0, ruleSet: { version: 1, rules: [] } });

    const first = await applyRuleSet(tenant.id, parsed(example), { actor: "user:ada@example.com", source: "ui" });
    expect(first).toMatchObject({ version: 1, previousVersion: 0, changed: true });
    expect(first.diff.added).toHaveLength(5);

    // Export, edit, dry run: the diff, and nothing stored.
    const exported = ruleSetToYaml((await currentRuleSet(tenant.id)).ruleSet);
    const edited = parsed(exported.replace("count: 5", "count: 3"));
    const dry = await applyRuleSet(tenant.id, edited, { actor: "token:ci", source: "api", dryRun: true });
    expect(dry).toMatchObject({ version: 1, changed: true });
    expect(dry.diff.changed).toEqual([{ id: "denial-burst", changes: [{ field: "count", before: 5, after: 3 }] }]);
    expect((await currentRuleSet(tenant.id)).version).toBe(1);

    // Apply for real; applying the same document again makes no version.
    expect(
      await applyRuleSet(tenant.id, edited, { actor: "token:ci", source: "api", expectedVersion: 1 }),
    ).toMatchObject({ version: 2, changed: true });
    expect(await applyRuleSet(tenant.id, edited, { actor: "token:ci", source: "api" })).toMatchObject({
      version: 2,
      changed: false,
    });
    await expect(
      applyRuleSet(tenant.id, parsed(example), { actor: "x", source: "api", expectedVersion: 1 }),
    ).rejects.toThrow(RuleVersionConflict);

    // Restore version 1: a new version 3 with version 1's rules.
    expect(await restoreRuleSetVersion(tenant.id, 1, "user:ada@example.com")).toMatchObject({ version: 3 });
    expect(await restoreRuleSetVersion(tenant.id, 42, "user:ada@example.com")).toBeNull();
    const history = await ruleSetVersions(tenant.id);
    expect(history.map((v) => [v.version, v.source, v.actor, v.message])).toEqual([
      [3, "restore", "user:ada@example.com", "restored version 1"],
      [2, "api", "token:ci", null],
      [1, "ui", "user:ada@example.com", null],
    ]);
    expect(history[0]?.diff.changed).toEqual([
      { id: "denial-burst", changes: [{ field: "count", before: 3, after: 5 }] },
    ]);
    expect((await currentRuleSet(tenant.id)).ruleSet).toEqual(parsed(example));

    // Another tenant's rules are its own.
    const { tenant: other } = await tenantWithKey("rules-other");
    expect((await currentRuleSet(other.id)).version).toBe(0);
  });

  it("serializes concurrent applies into consecutive versions", async () => {
    const { tenant } = await tenantWithKey("rules-race");
    const base = parsed(example);
    const results = await Promise.all(
      [3, 4, 6, 7].map((count) =>
        applyRuleSet(
          tenant.id,
          { ...base, rules: base.rules.map((r) => (r.kind === "threshold" ? { ...r, count } : r)) },
          { actor: `user:${count}`, source: "ui" },
        ),
      ),
    );
    expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
  });
});

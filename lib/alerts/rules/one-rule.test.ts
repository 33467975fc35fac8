import { describe, expect, it } from "vitest";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import {
  createRule,
  deleteRule,
  lastChangedVersions,
  RuleExists,
  RuleNotFound,
  setRuleEnabled,
  updateRule,
} from "./one-rule";
import { ruleTestReport } from "./rule-test-report";
import type { AlertRule } from "./schema";
import { applyRuleSet, currentRuleSet, RuleVersionConflict, ruleSetVersions } from "./store";

// The dashboard's one-rule changes against real Postgres: each is a new version of the whole
// set by the user, with the diff; a stale editor is refused; and "test this rule" counts the
// firings over the last 24 h with their evidence events and traces.

const actor = "user:analyst@example.com";
const denials: AlertRule = {
  id: "denied-tool-calls-by-agent",
  name: "Denied tool calls by agent",
  severity: "high",
  enabled: true,
  kind: "threshold",
  match: { types: ["mcp.tool.called"], outcomes: ["denied"] },
  groupBy: "agent",
  count: 3,
  window: "10m",
  notify: [],
};

describe("one-rule changes", () => {
  it("create, edit, disable and delete are versions by the user with their diffs", async () => {
    const { tenant } = await tenantWithKey("one-rule");
    const created = await createRule(tenant.id, denials, { actor, expectedVersion: 0 });
    expect(created).toMatchObject({ version: 1, changed: true, diff: { added: [denials.id] } });
    await expect(createRule(tenant.id, denials, { actor })).rejects.toBeInstanceOf(RuleExists);

    const edited = await updateRule(tenant.id, denials.id, { ...denials, count: 4 }, { actor, expectedVersion: 1 });
    expect(edited.diff.changed).toEqual([{ id: denials.id, changes: [{ field: "count", before: 3, after: 4 }] }]);
    // An editor opened on version 1 cannot overwrite version 2.
    await expect(
      updateRule(tenant.id, denials.id, { ...denials, count: 9 }, { actor, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(RuleVersionConflict);
    await expect(updateRule(tenant.id, "nope", denials, { actor })).rejects.toBeInstanceOf(RuleNotFound);

    const disabled = await setRuleEnabled(tenant.id, denials.id, false, { actor });
    expect(disabled).toMatchObject({ version: 3, rule: { enabled: false, count: 4 } });
    // Asking for the state it is already in changes nothing and makes no version.
    expect(await setRuleEnabled(tenant.id, denials.id, false, { actor })).toMatchObject({ version: 3, changed: false });

    const second = { ...denials, id: "second", name: "Second" };
    await createRule(tenant.id, second, { actor });
    expect((await deleteRule(tenant.id, denials.id, { actor })).diff.removed).toEqual([denials.id]);
    expect((await currentRuleSet(tenant.id)).ruleSet.rules.map((r) => r.id)).toEqual(["second"]);

    const versions = await ruleSetVersions(tenant.id);
    expect(versions.map((v) => [v.version, v.actor, v.source, v.message])).toEqual([
      [5, actor, "ui", `deleted rule ${denials.id}`],
      [4, actor, "ui", "created rule second"],
      [3, actor, "ui", `disabled rule ${denials.id}`],
      [2, actor, "ui", `updated rule ${denials.id}`],
      [1, actor, "ui", `created rule ${denials.id}`],
    ]);
    expect(Object.fromEntries(lastChangedVersions(versions))).toEqual({ second: 4, [denials.id]: 3 });
  });

  it("without If-Match, re-reads and keeps a concurrent change made by someone else", async () => {
    const { tenant } = await tenantWithKey("one-rule-race");
    await createRule(tenant.id, denials, { actor });
    const other = { ...denials, id: "from-ci", name: "From CI" };
    await applyRuleSet(tenant.id, { version: 1, rules: [denials, other] }, { actor: "token:ci", source: "api" });
    await setRuleEnabled(tenant.id, denials.id, false, { actor });
    const rules = (await currentRuleSet(tenant.id)).ruleSet.rules;
    expect(rules.map((r) => [r.id, r.enabled])).toEqual([
      [denials.id, false],
      ["from-ci", true],
    ]);
  });

  it("tests a rule over the last 24 h: count, group, window and evidence with traces; stores nothing", async () => {
    const { tenant, key } = await tenantWithKey("rule-test");
    const now = Date.now();
    const denial = (agent: string, minutesAgo: number, i: number) =>
      event({
        time: new Date(now - minutesAgo * 60_000).toISOString(),
        outcome: "denied",
        reason: "blocked by policy",
        actor: { type: "agent", id: agent },
        correlationId: `req-${agent}-${i}`,
      });
    const burst = [0, 1, 2, 3].map((i) => denial("bot-a", 30 - i, i));
    // A near miss: two denials in the window, and an old burst outside the last 24 h.
    const batch = [
      ...burst,
      denial("bot-b", 20, 1),
      denial("bot-b", 19, 2),
      ...[0, 1, 2].map((i) => denial("bot-c", 26 * 60 + i, i)),
    ];
    const posted = await postEvents(key, batch);
    expect(posted.status, JSON.stringify(posted.body)).toBeLessThan(300);

    const report = await ruleTestReport(tenant.id, denials, "24h", new Date(now + 1_000));
    expect(report).toMatchObject({ range: "24h", count: 1, capped: false, unsupported: false });
    const [firing] = report.firings;
    expect(firing?.groupKey).toBe("agent:bot-a");
    expect(firing?.evidence.map((e) => e.correlationId).sort()).toEqual(
      expect.arrayContaining(["req-bot-a-0", "req-bot-a-1", "req-bot-a-2"]),
    );
    expect(firing?.evidence.every((e) => e.type === "mcp.tool.called")).toBe(true);
    expect((await ruleTestReport(tenant.id, denials, "7d", new Date(now + 1_000))).count).toBe(2);
    expect(await ruleSetVersions(tenant.id)).toEqual([]);
  });
});

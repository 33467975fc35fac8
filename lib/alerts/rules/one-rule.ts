import type { AlertRule, RuleSet } from "./schema";
import { ruleSetSchema } from "./schema";
import { type ApplyResult, applyRuleSet, currentRuleSet, type RuleSetVersion, RuleVersionConflict } from "./store";

// Changing one rule from the dashboard (create, edit, enable or disable, delete): read the rule
// set in force, change that one rule, and apply the result as a new version of the whole set,
// so the UI and rules as code share one history. With `expectedVersion` (the version the
// editor was opened on), a concurrent change is refused; without it (the enabled toggle, which
// states the value it wants), a change that lands between the read and the write is simply
// re-read and retried.

export class RuleNotFound extends Error {
  constructor(readonly ruleId: string) {
    super(`There is no rule "${ruleId}".`);
  }
}
export class RuleExists extends Error {
  constructor(readonly ruleId: string) {
    super(`A rule with the id "${ruleId}" already exists; choose another id.`);
  }
}

export type OneRuleOptions = { actor: string; expectedVersion?: number };
export type OneRuleResult = ApplyResult & { rule: AlertRule | null };

const RETRIES = 3;

async function changeRules(
  tenantId: string,
  options: OneRuleOptions & { message: string },
  change: (rules: AlertRule[]) => { rules: AlertRule[]; rule: AlertRule | null },
): Promise<OneRuleResult> {
  for (let attempt = 1; ; attempt++) {
    const current = await currentRuleSet(tenantId);
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version)
      throw new RuleVersionConflict(options.expectedVersion, current.version);
    const { rules, rule } = change(current.ruleSet.rules);
    const next: RuleSet = ruleSetSchema.parse({ version: current.ruleSet.version, rules });
    try {
      const result = await applyRuleSet(tenantId, next, {
        actor: options.actor,
        source: "ui",
        message: options.message,
        expectedVersion: current.version,
      });
      return { ...result, rule };
    } catch (error) {
      const retry = error instanceof RuleVersionConflict && options.expectedVersion === undefined && attempt < RETRIES;
      if (!retry) throw error;
    }
  }
}

export function createRule(tenantId: string, rule: AlertRule, options: OneRuleOptions): Promise<OneRuleResult> {
  return changeRules(tenantId, { ...options, message: `created rule ${rule.id}` }, (rules) => {
    if (rules.some((r) => r.id === rule.id)) throw new RuleExists(rule.id);
    return { rules: [...rules, rule], rule };
  });
}

/** Replaces a rule in place (its position in the set is kept); the id cannot change. */
export function updateRule(
  tenantId: string,
  ruleId: string,
  rule: AlertRule,
  options: OneRuleOptions,
): Promise<OneRuleResult> {
  return changeRules(tenantId, { ...options, message: `updated rule ${ruleId}` }, (rules) => {
    if (!rules.some((r) => r.id === ruleId)) throw new RuleNotFound(ruleId);
    return { rules: rules.map((r) => (r.id === ruleId ? rule : r)), rule };
  });
}

export function setRuleEnabled(
  tenantId: string,
  ruleId: string,
  enabled: boolean,
  options: OneRuleOptions,
): Promise<OneRuleResult> {
  return changeRules(
    tenantId,
    { ...options, message: `${enabled ? "enabled" : "disabled"} rule ${ruleId}` },
    (rules) => {
      const old = rules.find((r) => r.id === ruleId);
      if (!old) throw new RuleNotFound(ruleId);
      const rule = { ...old, enabled };
      return { rules: rules.map((r) => (r.id === ruleId ? rule : r)), rule };
    },
  );
}

export function deleteRule(tenantId: string, ruleId: string, options: OneRuleOptions): Promise<OneRuleResult> {
  return changeRules(tenantId, { ...options, message: `deleted rule ${ruleId}` }, (rules) => {
    if (!rules.some((r) => r.id === ruleId)) throw new RuleNotFound(ruleId);
    return { rules: rules.filter((r) => r.id !== ruleId), rule: null };
  });
}

/**
 * The version in which each rule was last added or changed, from a history listed newest
 * first. Rules unchanged within the listed versions are absent (they predate the oldest).
 */
export function lastChangedVersions(
  versions: readonly Pick<RuleSetVersion, "version" | "diff">[],
): Map<string, number> {
  const last = new Map<string, number>();
  for (const { version, diff } of versions)
    for (const id of [...diff.added, ...diff.changed.map((c) => c.id)]) if (!last.has(id)) last.set(id, version);
  return last;
}

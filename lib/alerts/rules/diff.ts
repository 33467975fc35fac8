import { isDeepStrictEqual } from "node:util";
import type { AlertRule, RuleSet } from "./schema";

// What changed between two versions of a rule set, rule by rule and field by field: shown by
// a dry run, stored with every version, and listed in the version history.

export type FieldChange = { field: string; before: unknown; after: unknown };
export type RuleSetDiff = {
  added: string[];
  removed: string[];
  changed: { id: string; changes: FieldChange[] }[];
  /** Same rules, different order. */
  reordered: boolean;
};

export function isEmptyDiff(diff: RuleSetDiff): boolean {
  return !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.reordered;
}

function fieldChanges(before: AlertRule, after: AlertRule): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.flatMap((field) => {
    const a = (before as Record<string, unknown>)[field];
    const b = (after as Record<string, unknown>)[field];
    return isDeepStrictEqual(a, b) ? [] : [{ field, before: a, after: b }];
  });
}

export function diffRuleSets(before: RuleSet, after: RuleSet): RuleSetDiff {
  const old = new Map(before.rules.map((r) => [r.id, r]));
  const next = new Map(after.rules.map((r) => [r.id, r]));
  const changed = after.rules.flatMap((rule) => {
    const previous = old.get(rule.id);
    const changes = previous ? fieldChanges(previous, rule) : [];
    return changes.length ? [{ id: rule.id, changes }] : [];
  });
  const kept = (set: RuleSet, other: Map<string, AlertRule>) =>
    set.rules.map((r) => r.id).filter((id) => other.has(id));
  return {
    added: after.rules.filter((r) => !old.has(r.id)).map((r) => r.id),
    removed: before.rules.filter((r) => !next.has(r.id)).map((r) => r.id),
    changed,
    reordered: !isDeepStrictEqual(kept(before, next), kept(after, old)),
  };
}

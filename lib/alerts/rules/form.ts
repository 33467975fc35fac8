import type { z } from "zod";
import { EVENT_TYPES } from "../../contract/event-types";
import {
  type AlertRule,
  type DETECTOR_DEFAULTS,
  DETECTORS,
  type EventMatch,
  type GROUP_BY,
  type SEVERITIES,
} from "./schema";

// The rule editor's state and its mapping to and from a rule of the format. The form keeps
// every kind's fields (switching kind loses nothing) as strings, the way inputs hold them;
// `formToRule` builds the raw rule of the chosen kind for `ruleSchema` to judge, so the form
// and the API accept exactly the same rules. Runs in the browser too: no server imports.

export type MatchForm = {
  types: string[];
  customTypes: string;
  outcomes: string[];
  decisions: string[];
  reasons: string;
  targets: string;
};
export type RuleForm = {
  kind: AlertRule["kind"];
  id: string;
  name: string;
  description: string;
  severity: (typeof SEVERITIES)[number];
  enabled: boolean;
  scopeAgents: string;
  scopeUsers: string;
  scopeTools: string;
  notify: string;
  match: MatchForm;
  groupBy: (typeof GROUP_BY)[number];
  count: string;
  window: string;
  first: MatchForm;
  expect: MatchForm;
  useBefore: boolean;
  before: MatchForm;
  within: string;
  detector: (typeof DETECTORS)[number];
  baselineHours: string;
  zScore: string;
  minCount: string;
  maxShare: string;
};

export type DetectorParam = keyof typeof DETECTOR_DEFAULTS;
/** The parameters each detector takes (the schema refuses any other). */
export const DETECTOR_PARAMS: Partial<Record<RuleForm["detector"], readonly DetectorParam[]>> = {
  rate_anomaly: ["baselineHours", "zScore", "minCount"],
  off_hours: ["baselineHours", "maxShare"],
};

export const emptyMatch = (): MatchForm => ({
  types: [],
  customTypes: "",
  outcomes: [],
  decisions: [],
  reasons: "",
  targets: "",
});

export function emptyRuleForm(): RuleForm {
  return {
    kind: "threshold",
    id: "",
    name: "",
    description: "",
    severity: "medium",
    enabled: true,
    scopeAgents: "",
    scopeUsers: "",
    scopeTools: "",
    notify: "",
    match: emptyMatch(),
    groupBy: "agent",
    count: "5",
    window: "5m",
    first: emptyMatch(),
    expect: emptyMatch(),
    useBefore: false,
    before: emptyMatch(),
    within: "1h",
    detector: DETECTORS[0],
    baselineHours: "",
    zScore: "",
    minCount: "",
    maxShare: "",
  };
}

/** "a, b,,c " → ["a", "b", "c"]; empty → undefined, so the field is left out of the rule. */
export function splitList(value: string): string[] | undefined {
  const items = value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}
const joinList = (items: readonly string[] | undefined) => (items ?? []).join(", ");
const nonEmpty = <T>(items: T[]) => (items.length ? items : undefined);
/** A number input's value: empty → undefined (left out or "required"); anything else as typed. */
function numberOrText(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const isCatalogueType = (type: string) => (EVENT_TYPES as readonly string[]).includes(type);

export function matchToForm(match: EventMatch | undefined): MatchForm {
  return {
    types: (match?.types ?? []).filter(isCatalogueType),
    customTypes: joinList(match?.types?.filter((t) => !isCatalogueType(t))),
    outcomes: [...(match?.outcomes ?? [])],
    decisions: [...(match?.decisions ?? [])],
    reasons: joinList(match?.reasons),
    targets: joinList(match?.targets),
  };
}

export function formToMatch(form: MatchForm): Record<string, unknown> {
  return compact({
    types: nonEmpty([...form.types, ...(splitList(form.customTypes) ?? [])]),
    outcomes: nonEmpty(form.outcomes),
    decisions: nonEmpty(form.decisions),
    reasons: splitList(form.reasons),
    targets: splitList(form.targets),
  });
}

export function ruleToForm(rule: AlertRule): RuleForm {
  const form: RuleForm = {
    ...emptyRuleForm(),
    kind: rule.kind,
    id: rule.id,
    name: rule.name,
    description: rule.description ?? "",
    severity: rule.severity,
    enabled: rule.enabled,
    scopeAgents: joinList(rule.scope?.agents),
    scopeUsers: joinList(rule.scope?.users),
    scopeTools: joinList(rule.scope?.tools),
    notify: joinList(rule.notify),
  };
  if (rule.kind === "threshold")
    return {
      ...form,
      match: matchToForm(rule.match),
      groupBy: rule.groupBy,
      count: String(rule.count),
      window: rule.window,
    };
  if (rule.kind === "sequence")
    return {
      ...form,
      first: matchToForm(rule.first),
      expect: matchToForm(rule.expect),
      useBefore: rule.before !== undefined,
      before: matchToForm(rule.before),
      within: rule.within,
    };
  const text = (value: number | undefined) => (value === undefined ? "" : String(value));
  return {
    ...form,
    detector: rule.detector,
    baselineHours: text(rule.params?.baselineHours),
    zScore: text(rule.params?.zScore),
    minCount: text(rule.params?.minCount),
    maxShare: text(rule.params?.maxShare),
  };
}

/** The raw rule the form describes, for `ruleSchema` to validate (only the chosen kind's fields). */
export function formToRule(form: RuleForm): Record<string, unknown> {
  const scope = compact({
    agents: splitList(form.scopeAgents),
    users: splitList(form.scopeUsers),
    tools: splitList(form.scopeTools),
  });
  const base = compact({
    id: form.id.trim(),
    name: form.name.trim(),
    description: form.description.trim() || undefined,
    severity: form.severity,
    enabled: form.enabled,
    scope: Object.keys(scope).length ? scope : undefined,
    notify: splitList(form.notify) ?? [],
  });
  if (form.kind === "threshold")
    return {
      ...base,
      kind: "threshold",
      match: formToMatch(form.match),
      ...compact({ groupBy: form.groupBy, count: numberOrText(form.count), window: form.window.trim() || undefined }),
    };
  if (form.kind === "sequence")
    return {
      ...base,
      kind: "sequence",
      first: formToMatch(form.first),
      expect: formToMatch(form.expect),
      ...compact({
        before: form.useBefore ? formToMatch(form.before) : undefined,
        within: form.within.trim() || undefined,
      }),
    };
  // Only the chosen detector's parameters: values typed for another detector stay in the form.
  const allowed: readonly string[] = DETECTOR_PARAMS[form.detector] ?? [];
  const params = compact({
    baselineHours: numberOrText(form.baselineHours),
    zScore: numberOrText(form.zScore),
    minCount: numberOrText(form.minCount),
    maxShare: numberOrText(form.maxShare),
  });
  for (const key of Object.keys(params)) if (!allowed.includes(key)) delete params[key as keyof typeof params];
  return { ...base, kind: "detector", detector: form.detector, ...(Object.keys(params).length ? { params } : {}) };
}

/** Paths that never collide with the rule pages' own segments (/alerts/rules/new, …/versions). */
export const RESERVED_RULE_IDS = ["new", "versions"];

/** A rule id from its name: "Denied calls (PII)" → "denied-calls-pii", made unique among `taken`. */
export function slugify(name: string, taken: readonly string[] = []): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 56)
      .replace(/-+$/, "") || "rule";
  const unavailable = new Set([...taken, ...RESERVED_RULE_IDS]);
  if (!unavailable.has(base)) return base;
  for (let n = 2; ; n++) if (!unavailable.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Validation issues keyed by the form field that shows them: "count", "window",
 * "match.types", "scope.agents", "params.zScore", … (the first two path segments for the
 * nested objects, the first otherwise).
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const nested = new Set(["match", "first", "expect", "before", "scope", "params"]);
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const [head, next] = issue.path;
    const key =
      head === undefined
        ? "form"
        : nested.has(String(head)) && typeof next === "string"
          ? `${String(head)}.${next}`
          : String(head);
    const message = /received undefined/.test(issue.message) ? "is required" : issue.message;
    errors[key] ??= message;
  }
  return errors;
}

import { z } from "zod";
import { CUSTOM_EVENT_TYPE, EVENT_TYPES, OUTCOMES, POLICY_DECISIONS } from "../../contract/event-types";

// The alert rule set as code: one YAML (or JSON) document per tenant, versioned on every change
// (see README "Alert rules as code"). Strict: an unknown field is an error, not ignored, so a
// typo in CI fails the lint instead of silently weakening a rule.

export const RULE_SET_VERSION = 1;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const GROUP_BY = ["agent", "user", "client", "tool"] as const;
export const DETECTORS = [
  "use_after_consent_revoked",
  "out_of_consent_scope",
  "delegation_escalation",
  "cross_tenant_token",
  "new_agent_or_client",
  "new_tool_for_agent",
  "rate_anomaly",
  "off_hours",
] as const;
export const MAX_RULES = 500;

const DURATION = /^([1-9][0-9]{0,5})(s|m|h|d)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_WINDOW_MS = 30 * UNIT_MS.d;

/** "90s", "5m", "2h", "7d" in milliseconds, or null when malformed. */
export function durationMs(value: string): number | null {
  const match = DURATION.exec(value);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

const duration = z.string().superRefine((value, ctx) => {
  const ms = durationMs(value);
  if (ms === null) ctx.addIssue({ code: "custom", message: 'must be a duration such as "90s", "5m", "2h" or "7d"' });
  else if (ms < 10_000 || ms > MAX_WINDOW_MS) ctx.addIssue({ code: "custom", message: "must be 10s to 30d" });
});

const eventType = z
  .string()
  .refine(
    (t) => (EVENT_TYPES as readonly string[]).includes(t) || CUSTOM_EVENT_TYPE.test(t),
    "must be a catalogue event type or x-<vendor>.<name>",
  );
const ids = z.array(z.string().min(1).max(256)).min(1).max(1_000);

/** Which events a rule looks at; every listed field must match (lists match any of their values). */
export const matchSchema = z.strictObject({
  types: z.array(eventType).min(1).max(50).optional(),
  outcomes: z.array(z.enum(OUTCOMES)).min(1).optional(),
  decisions: z.array(z.enum(POLICY_DECISIONS)).min(1).optional(),
  /** Exact `reason` values, e.g. cross_tenant on token.rejected. */
  reasons: z.array(z.string().min(1).max(1_024)).min(1).max(50).optional(),
  /** target.id values, e.g. tool names. */
  targets: ids.optional(),
});
export type EventMatch = z.infer<typeof matchSchema>;

const scopeSchema = z.strictObject({ agents: ids.optional(), users: ids.optional(), tools: ids.optional() });

const base = {
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,62}$/,
      "must be 1-63 lowercase letters, digits and dashes, starting with a letter or digit",
    ),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2_000).optional(),
  severity: z.enum(SEVERITIES),
  enabled: z.boolean().default(true),
  /** Only these agents, users (on behalf of) or tools; absent means all. */
  scope: scopeSchema.optional(),
  /** Names of notification destinations. */
  notify: z.array(z.string().min(1).max(100)).max(20).default([]),
};

const thresholdRule = z.strictObject({
  ...base,
  kind: z.literal("threshold"),
  match: matchSchema,
  groupBy: z.enum(GROUP_BY),
  count: z.int().min(1).max(1_000_000),
  window: duration,
});

const sequenceRule = z.strictObject({
  ...base,
  kind: z.literal("sequence"),
  /** Event A, which starts the wait. */
  first: matchSchema,
  /** Event B, which must follow A on the same correlation id… */
  expect: matchSchema,
  /** …within this time, or (when `before` is set) before event C happens. */
  within: duration,
  before: matchSchema.optional(),
});

/** Tuning of the statistical detectors; absent fields take the defaults below. */
const detectorParams = z.strictObject({
  /** Hours of history an agent's baseline is computed from (rate_anomaly, off_hours). */
  baselineHours: z
    .int()
    .min(24)
    .max(24 * 90)
    .optional(),
  /** rate_anomaly: how many standard deviations above the baseline mean an hour must be. */
  zScore: z.number().min(1).max(20).optional(),
  /** rate_anomaly: hours with fewer events never fire, however quiet the baseline. */
  minCount: z.int().min(1).max(1_000_000).optional(),
  /** off_hours: an hour of day is unusual when it held less than this share of the agent's events. */
  maxShare: z.number().min(0).max(0.5).optional(),
});
export const DETECTOR_DEFAULTS = { baselineHours: 24 * 14, zScore: 3, minCount: 20, maxShare: 0.01 } as const;
const PARAMS_OF: Partial<Record<(typeof DETECTORS)[number], readonly string[]>> = {
  rate_anomaly: ["baselineHours", "zScore", "minCount"],
  off_hours: ["baselineHours", "maxShare"],
};

const detectorRule = z
  .strictObject({
    ...base,
    kind: z.literal("detector"),
    detector: z.enum(DETECTORS),
    params: detectorParams.optional(),
  })
  .superRefine((rule, ctx) => {
    const allowed = PARAMS_OF[rule.detector] ?? [];
    for (const key of Object.keys(rule.params ?? {}))
      if (!allowed.includes(key))
        ctx.addIssue({
          code: "custom",
          path: ["params", key],
          message: allowed.length
            ? `is not a parameter of ${rule.detector} (it takes ${allowed.join(", ")})`
            : `${rule.detector} takes no parameters`,
        });
  });

export const ruleSchema = z.discriminatedUnion("kind", [thresholdRule, sequenceRule, detectorRule]);
export type AlertRule = z.output<typeof ruleSchema>;
export type ThresholdRule = z.output<typeof thresholdRule>;
export type SequenceRule = z.output<typeof sequenceRule>;
export type DetectorRule = z.output<typeof detectorRule>;

export const ruleSetSchema = z
  .strictObject({
    version: z.literal(RULE_SET_VERSION),
    rules: z.array(ruleSchema).max(MAX_RULES),
  })
  .superRefine((set, ctx) => {
    for (const issue of duplicateIds(set.rules)) ctx.addIssue({ code: "custom", ...issue });
  });

/** Rules that reuse an earlier rule's id; reads raw input too, so a linter reports them with other mistakes. */
export function duplicateIds(rules: unknown): { path: (string | number)[]; message: string }[] {
  if (!Array.isArray(rules)) return [];
  const seen = new Map<string, number>();
  return rules.flatMap((rule, index) => {
    const id = (rule as { id?: unknown } | null)?.id;
    if (typeof id !== "string") return [];
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, index);
      return [];
    }
    return [{ path: ["rules", index, "id"], message: `duplicates rules[${first}].id "${id}"` }];
  });
}
export type RuleSet = z.output<typeof ruleSetSchema>;

export const EMPTY_RULE_SET: RuleSet = { version: 1, rules: [] };

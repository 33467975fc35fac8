import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRuleSet } from "./document";
import { emptyRuleForm, fieldErrors, formToRule, ruleToForm, slugify } from "./form";
import { ruleSchema } from "./schema";

// The rule editor's mapping: every rule of the example set survives rule → form → rule
// unchanged, the fields a person types become the rule of the chosen kind, and the schema's
// complaints land next to the right field.

const example = parseRuleSet(readFileSync(path.join(import.meta.dirname, "example-rules.yaml"), "utf8"));

describe("rule editor form", () => {
  it("round-trips every example rule (threshold, sequence, detectors with params and scope)", () => {
    if (!example.ok) throw new Error("example rules do not parse");
    for (const rule of example.ruleSet.rules) expect(ruleSchema.parse(formToRule(ruleToForm(rule)))).toEqual(rule);
  });

  it("builds the threshold rule of the e2e walk-through from what a person types", () => {
    const form = {
      ...emptyRuleForm(),
      name: " Denied tool calls by agent ",
      id: slugify("Denied tool calls by agent"),
      severity: "high" as const,
      match: {
        ...emptyRuleForm().match,
        types: ["mcp.tool.called"],
        customTypes: "x-acme.blocked, ",
        outcomes: ["denied"],
      },
      count: "3",
      window: "10m",
      scopeTools: "crm.export_customers",
      notify: "security-webhook",
      // Fields of other kinds are kept in the form but never reach the rule.
      within: "2h",
      zScore: "9",
    };
    expect(ruleSchema.parse(formToRule(form))).toEqual({
      id: "denied-tool-calls-by-agent",
      name: "Denied tool calls by agent",
      severity: "high",
      enabled: true,
      kind: "threshold",
      match: { types: ["mcp.tool.called", "x-acme.blocked"], outcomes: ["denied"] },
      groupBy: "agent",
      count: 3,
      window: "10m",
      scope: { tools: ["crm.export_customers"] },
      notify: ["security-webhook"],
    });
  });

  it("puts the schema's errors next to their fields", () => {
    const form = {
      ...emptyRuleForm(),
      name: "",
      id: "Bad Id",
      count: "",
      window: "5 minutes",
      match: { ...emptyRuleForm().match, customTypes: "nonsense" },
    };
    const result = ruleSchema.safeParse(formToRule(form));
    expect(result.success).toBe(false);
    const errors = fieldErrors(result.error?.issues ?? []);
    expect(errors.id).toMatch(/lowercase letters/);
    expect(errors.name).toBeTruthy();
    expect(errors.count).toBe("is required");
    expect(errors.window).toMatch(/duration/);
    expect(errors["match.types"]).toMatch(/catalogue event type/);

    const detector = {
      ...emptyRuleForm(),
      kind: "detector" as const,
      name: "n",
      id: "n",
      detector: "rate_anomaly" as const,
      zScore: "0.5",
      maxShare: "0.1",
    };
    const detectorErrors = fieldErrors(ruleSchema.safeParse(formToRule(detector)).error?.issues ?? []);
    expect(detectorErrors["params.zScore"]).toBeTruthy();
    // A value typed for another detector's parameter is kept in the form, not sent.
    expect(formToRule(detector).params).toEqual({ zScore: 0.5 });
  });

  it("derives a slug id from the name, unique among the rules and the pages' own paths", () => {
    expect(slugify("Denied tool calls (PII) — by agent!")).toBe("denied-tool-calls-pii-by-agent");
    expect(slugify("Résumé exports")).toBe("resume-exports");
    expect(slugify("Denied", ["denied", "denied-2"])).toBe("denied-3");
    expect(slugify("New")).toBe("new-2");
    expect(slugify("!!!")).toBe("rule");
    expect(slugify("x".repeat(100))).toHaveLength(56);
  });
});

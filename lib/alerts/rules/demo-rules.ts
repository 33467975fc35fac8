import { readFileSync } from "node:fs";
import path from "node:path";
import { parseRuleSet } from "./document";
import { applyRuleSet, currentRuleSet } from "./store";

// The demo tenant starts with the documented example rule set, so its scripted stories (the
// denial burst, the refund paid before approval, the call after a revoked consent) raise
// alerts out of the box. Applied once: a tenant that has any rule version keeps its own.

const EXAMPLE = path.join(import.meta.dirname, "example-rules.yaml");

export async function ensureDemoRules(tenantId: string): Promise<number> {
  if ((await currentRuleSet(tenantId)).version > 0) return 0;
  const parsed = parseRuleSet(readFileSync(EXAMPLE, "utf8"));
  if (!parsed.ok) throw new Error(`example-rules.yaml is invalid: ${JSON.stringify(parsed.errors)}`);
  const result = await applyRuleSet(tenantId, parsed.ruleSet, {
    actor: "system:demo-seed",
    source: "api",
    message: "demo rule set (lib/alerts/rules/example-rules.yaml)",
  });
  return result.version;
}

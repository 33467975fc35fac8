import { readFile } from "node:fs/promises";
import { parseRuleSet } from "../../lib/alerts/rules/document";
import { CliError, type Command, EXIT } from "./command";

// `attest rules validate <file>`: lints an alert rule set file offline, as a CI job would
// before applying it with PUT /api/v1/alert-rules. Errors read `file:line: path: message`.

export const rulesValidate: Command = {
  path: ["rules", "validate"],
  usage: "rules validate <file>",
  summary: "Check an alert rule set file (YAML or JSON) offline; exit 1 with file:line errors",
  positionals: ["file"],
  offline: true,
  async run({ positionals, print }) {
    const file = positionals[0] as string;
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const result = parseRuleSet(text);
    if (!result.ok) {
      const lines = result.errors.map(
        (e) => `${file}${e.line ? `:${e.line}` : ""}: ${e.path ? `${e.path}: ` : ""}${e.message}`,
      );
      throw new CliError(`${lines.join("\n")}\n${result.errors.length} error(s); nothing was applied.`, EXIT.failure);
    }
    const kinds = result.ruleSet.rules.reduce<Record<string, number>>((counts, rule) => {
      counts[rule.kind] = (counts[rule.kind] ?? 0) + 1;
      return counts;
    }, {});
    const summary = Object.entries(kinds)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(", ");
    print(`${file}: valid, ${result.ruleSet.rules.length} rule(s)${summary ? ` (${summary})` : ""}`);
  },
};

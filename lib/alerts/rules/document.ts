import { isMap, isSeq, LineCounter, parseDocument, stringify } from "yaml";
import { duplicateIds, type RuleSet, ruleSetSchema } from "./schema";

// Reading and writing the rule set document. YAML is the format people edit (JSON is YAML, so
// both parse here); errors carry the field path and, for YAML, the line, so a CI lint points
// at the exact place.

export type RuleSetError = { path: string; message: string; line?: number };
export type ParsedRuleSet = { ok: true; ruleSet: RuleSet } | { ok: false; errors: RuleSetError[] };

export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** `rules[2].window`, the way the format documentation names fields. */
export function formatRulePath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

type YamlNode = { range?: [number, number, number] | null; get?: (key: unknown, keepScalar?: boolean) => unknown };

/** The line of the deepest node the path reaches in the YAML document (1-based). */
function lineOf(root: unknown, path: readonly PropertyKey[], counter: LineCounter): number | undefined {
  let node = root as YamlNode | undefined;
  let line: number | undefined;
  for (const part of path) {
    const offset = node?.range?.[0];
    if (offset !== undefined) line = counter.linePos(offset).line;
    if (!(isMap(node) || isSeq(node))) break;
    node = (node as YamlNode).get?.(part, true) as YamlNode | undefined;
  }
  const offset = node?.range?.[0];
  return offset !== undefined ? counter.linePos(offset).line : line;
}

export function parseRuleSet(text: string): ParsedRuleSet {
  if (Buffer.byteLength(text, "utf8") > MAX_DOCUMENT_BYTES)
    return { ok: false, errors: [{ path: "", message: "the document is larger than 1 MB" }] };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        path: "",
        message: e.message.split("\n")[0] ?? "not valid YAML or JSON",
        line: e.linePos?.[0]?.line,
      })),
    };
  const input = doc.toJS({ maxAliasCount: 50 }) as { rules?: unknown } | null;
  const parsed = ruleSetSchema.safeParse(input);
  if (parsed.success) return { ok: true, ruleSet: parsed.data };
  // The schema checks duplicate ids only once everything else is valid; a linter says it now.
  const issues = [...parsed.error.issues, ...duplicateIds(input?.rules)];
  const errors = issues.map((issue) => ({
    path: formatRulePath(issue.path),
    message: issue.message,
    line: lineOf(doc.contents, issue.path, counter),
  }));
  return {
    ok: false,
    errors: errors.filter((e, i) => errors.findIndex((o) => o.path === e.path && o.message === e.message) === i),
  };
}

const HEADER = `# Attest alert rules (format version 1). Apply with:
#   curl -X PUT "$ATTEST_URL/api/v1/alert-rules" -H "Authorization: Bearer $ATTEST_API_TOKEN" \\
#        -H "Content-Type: application/yaml" --data-binary @alert-rules.yaml
# Lint offline: npm run attest -- rules validate alert-rules.yaml
`;

/** The rule set as YAML, with the defaults written out, so an export is explicit. */
export function ruleSetToYaml(ruleSet: RuleSet): string {
  return `${HEADER}${stringify(ruleSet, { lineWidth: 0 })}`;
}

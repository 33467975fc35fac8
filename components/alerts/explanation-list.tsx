import { formatUtc } from "@/components/policies/format";

// "Why it fired": the alert's explanation numbers as a definition list. Rules and detectors
// each record their own numbers (count and threshold, z-score, mean and sd, the first and the
// gating event, …), so this renders any explanation readably: known keys get a label, nested
// objects become "first · type" rows, and count vs threshold is stated as a comparison.

const LABELS: Record<string, string> = {
  count: "Matching events",
  threshold: "Threshold",
  window: "Window",
  groupBy: "Grouped by",
  group: "Group",
  first: "First",
  last: "Last",
  before: "Ran before it",
  within: "Expected within",
  expected: "Expected event",
  correlationId: "Request (correlation id)",
  zScore: "z-score",
  zscore: "z-score",
  mean: "Baseline mean",
  sd: "Baseline standard deviation",
  stddev: "Baseline standard deviation",
  observed: "Observed",
  baselineHours: "Baseline hours",
};

function label(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number")
    return Number.isInteger(value)
      ? value.toLocaleString("en-US")
      : value.toLocaleString("en-US", { maximumFractionDigits: 3 });
  if (typeof value === "string") return ISO.test(value) ? `${formatUtc(new Date(value))} UTC` : value;
  if (Array.isArray(value)) return value.map(valueText).join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return JSON.stringify(value);
}

type Row = { term: string; value: string };

export function explanationRows(explanation: Record<string, unknown>): Row[] {
  const rows: Row[] = [];
  const { count, threshold } = explanation;
  const compared = typeof count === "number" && typeof threshold === "number";
  if (compared) rows.push({ term: "Count vs threshold", value: `${valueText(count)} ≥ ${valueText(threshold)}` });
  // jsonb keeps keys sorted by length, not as the rule wrote them: known keys go in LABELS order.
  const order = Object.keys(LABELS);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const entries = Object.entries(explanation).sort(([a], [b]) => rank(a) - rank(b));
  for (const [key, value] of entries) {
    if (compared && (key === "count" || key === "threshold")) continue;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>))
        rows.push({ term: `${label(key)} · ${label(inner).toLowerCase()}`, value: valueText(innerValue) });
    } else rows.push({ term: label(key), value: valueText(value) });
  }
  return rows;
}

export function ExplanationList({ explanation }: { explanation: Record<string, unknown> }) {
  const rows = explanationRows(explanation);
  if (rows.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">The rule recorded no numbers.</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map((row) => (
        <div key={row.term} className="contents">
          <dt className="font-medium text-slate-600 dark:text-slate-400">{row.term}</dt>
          <dd className="font-mono text-slate-900 break-all dark:text-slate-100">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

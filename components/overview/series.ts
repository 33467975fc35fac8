import type { SeriesSpec } from "@/components/charts/stacked-time-chart";

// Series colours, chosen to read on both light and dark backgrounds; legends and tables carry
// the names, so nothing depends on colour alone.
export const OUTCOME_SERIES: SeriesSpec[] = [
  { key: "success", label: "Success", color: "#10b981" },
  { key: "failure", label: "Failure", color: "#ef4444" },
  { key: "denied", label: "Denied", color: "#f59e0b" },
  { key: "pending", label: "Pending", color: "#8b5cf6" },
];

export const DECISION_SERIES: SeriesSpec[] = [
  { key: "allow", label: "Allow", color: "#10b981" },
  { key: "deny", label: "Deny", color: "#ef4444" },
  { key: "require_approval", label: "Require approval", color: "#f59e0b" },
];

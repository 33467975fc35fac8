import Link from "next/link";
import { linkClass } from "@/components/ui/styles";
import { DataTable, td } from "@/components/ui/table";
import type { AlertRule } from "@/lib/alerts/rules/schema";
import { ruleHref } from "./api";
import { EnabledToggle } from "./enabled-toggle";
import { SeverityBadge } from "./severity-badge";

// The rules in force. Admins and analysts get the enabled switch and a link to edit; other
// roles read the same list without them (the API refuses them too).

const kindOf = (rule: AlertRule) => (rule.kind === "detector" ? `detector: ${rule.detector}` : rule.kind);

export function RulesTable({
  rules,
  lastChanged,
  oldestListed,
  canManage,
}: {
  rules: AlertRule[];
  lastChanged: Map<string, number>;
  oldestListed: number;
  canManage: boolean;
}) {
  return (
    <DataTable caption="Alert rules in force" columns={["Name", "Id", "Kind", "Severity", "Enabled", "Last changed"]}>
      {rules.map((rule) => {
        const version = lastChanged.get(rule.id);
        return (
          <tr key={rule.id} data-testid="rule-row" data-rule-id={rule.id}>
            <td className={`${td} font-medium`}>
              {canManage ? (
                <Link href={ruleHref(rule.id)} className={linkClass} aria-label={`Edit ${rule.name}`}>
                  {rule.name}
                </Link>
              ) : (
                rule.name
              )}
            </td>
            <td className={`${td} font-mono text-xs`}>{rule.id}</td>
            <td className={`${td} text-xs`}>{kindOf(rule)}</td>
            <td className={td}>
              <SeverityBadge severity={rule.severity} />
            </td>
            <td className={td}>
              {canManage ? (
                <EnabledToggle ruleId={rule.id} ruleName={rule.name} enabled={rule.enabled} />
              ) : (
                <span className="text-xs">{rule.enabled ? "On" : "Off"}</span>
              )}
            </td>
            <td className={`${td} text-xs`}>
              <Link href={`/alerts/rules/versions#v${version ?? oldestListed}`} className={linkClass}>
                {version ? `v${version}` : `before v${oldestListed}`}
              </Link>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

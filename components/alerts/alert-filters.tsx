import Link from "next/link";
import type { ListFilter } from "@/lib/alerts/inbox";
import { STATUS_FILTERS } from "@/lib/alerts/inbox";
import { SEVERITIES } from "@/lib/alerts/rules/schema";

// The inbox filters as links: the state lives in the URL, so a filtered inbox can be shared.

export function inboxHref(filter: Partial<ListFilter>): string {
  const params = new URLSearchParams();
  if (filter.status && filter.status !== "active") params.set("status", filter.status);
  if (filter.severity) params.set("severity", filter.severity);
  if (filter.rule) params.set("rule", filter.rule);
  if (filter.page && filter.page > 1) params.set("page", String(filter.page));
  const query = params.toString();
  return query ? `/alerts?${query}` : "/alerts";
}

const STATUS_LABELS: Record<ListFilter["status"], string> = {
  active: "open + acknowledged",
  open: "open",
  acknowledged: "acknowledged",
  resolved: "resolved",
  all: "all",
};

const chip = (active: boolean) =>
  `block rounded-full border px-3 py-1 text-xs font-medium ${
    active
      ? "border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900"
      : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
  }`;

function Chips<T extends string | undefined>({
  label,
  options,
  current,
  text,
  href,
}: {
  label: string;
  options: T[];
  current: T;
  text: (option: T) => string;
  href: (option: T) => string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1.5">
        {options.map((option) => (
          <li key={option ?? "any"}>
            <Link
              href={href(option)}
              aria-current={option === current ? "page" : undefined}
              className={chip(option === current)}
            >
              {text(option)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function AlertFilters({ filter }: { filter: ListFilter }) {
  const { page: _page, ...keep } = filter;
  return (
    <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-2">
      <Chips
        label="Filter alerts by status"
        options={[...STATUS_FILTERS]}
        current={filter.status}
        text={(s) => STATUS_LABELS[s]}
        href={(status) => inboxHref({ ...keep, status })}
      />
      <Chips
        label="Filter alerts by severity"
        options={[undefined, ...SEVERITIES]}
        current={filter.severity}
        text={(s) => s ?? "any severity"}
        href={(severity) => inboxHref({ ...keep, severity })}
      />
      {filter.rule && (
        <Link
          href={inboxHref({ ...keep, rule: undefined })}
          className={chip(true)}
          aria-label={`Remove the rule filter ${filter.rule}`}
        >
          rule: {filter.rule} ✕
        </Link>
      )}
    </div>
  );
}

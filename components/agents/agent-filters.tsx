import Link from "next/link";
import { buttonClass, inputClass, labelClass, linkClass } from "@/components/ui/styles";
import { CLIENT_KINDS, CLIENT_REGISTRATIONS } from "@/lib/contract/event-types";
import { AGENT_SORTS, AGENT_STATUSES, type AgentListParams } from "@/lib/queries/agents-list";
import { KIND_LABELS, REGISTRATION_LABELS, SORT_LABELS } from "./labels";

// Search, filters and sort of the agent list as one GET form: the URL is the state, it works
// without JavaScript, and any view can be shared by link.

const STATUS_LABELS: Record<string, string> = { active: "Active", suspended: "Suspended" };

function Select({
  name,
  label,
  value,
  options,
  labels,
  all,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly string[];
  labels: Record<string, string>;
  all?: string;
}) {
  return (
    <label className={labelClass}>
      {label}
      <select name={name} defaultValue={value ?? ""} className={`${inputClass} mt-0.5`}>
        {all && <option value="">{all}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {labels[option] ?? option}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AgentFilters({ params }: { params: AgentListParams }) {
  const filtered = Boolean(params.q || params.kind || params.registration || params.status);
  return (
    <form method="get" action="/agents" aria-label="Search and filter agents" className="mb-4">
      <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-3 xl:grid-cols-6">
        <label className={`${labelClass} col-span-2 md:col-span-1 xl:col-span-2`}>
          Search id or name
          <input
            type="search"
            name="q"
            defaultValue={params.q ?? ""}
            placeholder="e.g. billing"
            className={`${inputClass} mt-0.5`}
          />
        </label>
        <Select
          name="kind"
          label="Kind"
          value={params.kind}
          options={CLIENT_KINDS}
          labels={KIND_LABELS}
          all="All kinds"
        />
        <Select
          name="registration"
          label="Registration"
          value={params.registration}
          options={CLIENT_REGISTRATIONS}
          labels={REGISTRATION_LABELS}
          all="Any registration"
        />
        <Select
          name="status"
          label="Status"
          value={params.status}
          options={AGENT_STATUSES}
          labels={STATUS_LABELS}
          all="Any status"
        />
        <Select name="sort" label="Sort by" value={params.sort} options={AGENT_SORTS} labels={SORT_LABELS} />
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" className={buttonClass}>
          Apply
        </button>
        {filtered && (
          <Link href={`/agents?sort=${params.sort}`} className={`${linkClass} text-sm`}>
            Clear filters
          </Link>
        )}
      </div>
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { buttonClass, inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import { EVENT_TYPES, OUTCOMES } from "@/lib/contract/event-types";
import { type EventFilters, explorerHref } from "@/lib/filters/event-filters";
import { RANGE_PRESETS, type RangePreset } from "@/lib/filters/time-range";

// The explorer's filter bar. It owns no filter state of its own: it reads the URL's filters
// and writes a new URL, so a shared link reproduces exactly what is on screen.

export type FilterBarValues = Omit<EventFilters, "range"> & { preset: string; from: string; to: string };

const TEXT_FIELDS = [
  ["agent", "Agent", "billing-bot"],
  ["actor", "Actor", "user or agent id"],
  ["onBehalfOf", "On behalf of (user)", "u-42"],
  ["client", "Client", "OAuth client id"],
  ["target", "Target / tool", "stripe.refund"],
  ["correlationId", "Correlation ID", "req-123"],
  ["policy", "Policy", "refund-limits"],
  ["decision", "Policy decision", "require_approval"],
] as const;

const RANGE_LABELS: Record<RangePreset | "custom", string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom (UTC)",
};

/** datetime-local works in local wall time; the explorer speaks UTC, so convert both ways. */
const toLocalInput = (iso: string) => iso.slice(0, 16);
const fromLocalInput = (value: string) => (value ? new Date(`${value}:00Z`) : undefined);

/** `extraTypes` join the type suggestions, e.g. `x-attest.*` for roles that see the audit trail. */
export function FilterBar({
  values,
  live,
  extraTypes = [],
}: {
  values: FilterBarValues;
  live: boolean;
  extraTypes?: readonly string[];
}) {
  const router = useRouter();
  const [preset, setPreset] = useState(values.preset);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const from = fromLocalInput(String(form.get("from") ?? ""));
    const to = fromLocalInput(String(form.get("to") ?? "")) ?? new Date();
    const range =
      preset === "custom" && from
        ? { preset: "custom" as const, from, to }
        : { preset: (preset in RANGE_PRESETS ? preset : "7d") as RangePreset, from: new Date(), to: new Date() };
    const filters: Partial<EventFilters> = {
      range,
      types: (text("type") ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      outcomes: form.getAll("outcome").map(String),
    };
    for (const name of ["q", ...TEXT_FIELDS.map(([field]) => field)] as const) {
      const value = text(name);
      if (value) filters[name] = value;
    }
    const href = explorerHref(filters);
    router.push(live ? `${href}${href.includes("?") ? "&" : "?"}live=1` : href, { scroll: false });
  }

  return (
    <search aria-label="Filter events">
      <form
        onSubmit={submit}
        className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <label className="block">
            <span className={labelClass}>Search</span>
            <input
              name="q"
              type="search"
              defaultValue={values.q ?? ""}
              placeholder="id, type, target, reason…"
              className={`${inputClass} mt-1`}
            />
          </label>
          <label className="block">
            <span className={labelClass}>Time range</span>
            <select
              name="range"
              value={preset}
              onChange={(event) => setPreset(event.target.value)}
              className={`${inputClass} mt-1`}
            >
              {Object.entries(RANGE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {preset === "custom" && (
            <>
              <label className="block">
                <span className={labelClass}>From (UTC)</span>
                <input
                  name="from"
                  type="datetime-local"
                  required
                  defaultValue={toLocalInput(values.from)}
                  className={`${inputClass} mt-1`}
                />
              </label>
              <label className="block">
                <span className={labelClass}>To (UTC)</span>
                <input
                  name="to"
                  type="datetime-local"
                  defaultValue={toLocalInput(values.to)}
                  className={`${inputClass} mt-1`}
                />
              </label>
            </>
          )}
          <label className="block">
            <span className={labelClass}>Type</span>
            <input
              name="type"
              list="event-type-options"
              defaultValue={values.types.join(",")}
              placeholder="mcp.tool.called, policy.evaluated"
              className={`${inputClass} mt-1 font-mono`}
            />
            <datalist id="event-type-options">
              {[...extraTypes, ...EVENT_TYPES].map((type) => (
                <option key={type} value={type} />
              ))}
            </datalist>
          </label>
          {TEXT_FIELDS.map(([name, label, placeholder]) => (
            <label key={name} className="block">
              <span className={labelClass}>{label}</span>
              <input
                name={name}
                defaultValue={values[name] ?? ""}
                placeholder={placeholder}
                className={`${inputClass} mt-1 font-mono`}
              />
            </label>
          ))}
        </div>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <legend className={`${labelClass} mb-1`}>Outcome</legend>
            {OUTCOMES.map((outcome) => (
              <label
                key={outcome}
                className="inline-flex items-center gap-1.5 text-sm text-slate-800 dark:text-slate-200"
              >
                <input
                  type="checkbox"
                  name="outcome"
                  value={outcome}
                  defaultChecked={values.outcomes.includes(outcome)}
                  className="h-4 w-4 rounded border-slate-300 dark:border-slate-600"
                />
                {outcome}
              </label>
            ))}
          </fieldset>
          <div className="flex gap-2">
            <button
              type="button"
              className={buttonClass}
              onClick={() => router.push(live ? "/events?live=1" : "/events", { scroll: false })}
            >
              Clear
            </button>
            <button type="submit" className={primaryButtonClass}>
              Apply filters
            </button>
          </div>
        </div>
      </form>
    </search>
  );
}

"use client";

import { inputClass, labelClass } from "@/components/ui/styles";
import type { MatchForm } from "@/lib/alerts/rules/form";
import { EVENT_TYPES, OUTCOMES, POLICY_DECISIONS } from "@/lib/contract/event-types";
import { describedBy, Field, FieldError } from "./field";

// Which events a rule looks at (`match`, or a sequence's `first`, `expect` and `before`):
// every filled field must match; a list matches any of its values.

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...list, value] : list.filter((item) => item !== value);
}

export function MatchFields({
  legend,
  name,
  value,
  onChange,
  errors,
}: {
  legend: string;
  /** The field's name in the rule (match, first, expect, before): ids and error keys. */
  name: string;
  value: MatchForm;
  onChange: (value: MatchForm) => void;
  errors: Record<string, string>;
}) {
  const id = (field: string) => `rule-${name}-${field}`;
  const error = (field: string) => errors[`${name}.${field}`];
  const set = (patch: Partial<MatchForm>) => onChange({ ...value, ...patch });
  const checkboxes = (field: "outcomes" | "decisions", label: string, options: readonly string[]) => (
    <fieldset className="space-y-1" {...describedBy(id(field), error(field))}>
      <legend className={labelClass}>{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={value[field].includes(option)}
              onChange={(event) => set({ [field]: toggle(value[field], option, event.target.checked) })}
            />
            {option}
          </label>
        ))}
      </div>
      <FieldError id={id(field)} error={error(field)} />
    </fieldset>
  );

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-semibold text-slate-900 dark:text-slate-100">{legend}</legend>
      <div className="grid gap-3 md:grid-cols-2">
        <Field
          id={id("types")}
          label="Event types"
          hint="None selected: every type. Ctrl/Cmd-click selects several."
          error={error("types")}
        >
          <select
            id={id("types")}
            multiple
            size={6}
            value={value.types}
            onChange={(event) => set({ types: [...event.target.selectedOptions].map((option) => option.value) })}
            className={inputClass}
            {...describedBy(id("types"), error("types"), true)}
          >
            {EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </Field>
        <div className="space-y-3">
          <Field id={id("customTypes")} label="Custom event types" hint="x-vendor.name, comma-separated">
            <input
              id={id("customTypes")}
              value={value.customTypes}
              onChange={(event) => set({ customTypes: event.target.value })}
              className={inputClass}
              {...describedBy(id("customTypes"), undefined, true)}
            />
          </Field>
          {checkboxes("outcomes", "Outcomes", OUTCOMES)}
          {checkboxes("decisions", "Policy decisions", POLICY_DECISIONS)}
        </div>
        <Field id={id("reasons")} label="Reasons" hint="Exact reason values, comma-separated" error={error("reasons")}>
          <input
            id={id("reasons")}
            value={value.reasons}
            onChange={(event) => set({ reasons: event.target.value })}
            className={inputClass}
            {...describedBy(id("reasons"), error("reasons"), true)}
          />
        </Field>
        <Field id={id("targets")} label="Targets" hint="target.id values such as tool names" error={error("targets")}>
          <input
            id={id("targets")}
            value={value.targets}
            onChange={(event) => set({ targets: event.target.value })}
            className={inputClass}
            {...describedBy(id("targets"), error("targets"), true)}
          />
        </Field>
      </div>
    </fieldset>
  );
}

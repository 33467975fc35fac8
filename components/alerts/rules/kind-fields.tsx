"use client";

import { inputClass } from "@/components/ui/styles";
import { DETECTOR_PARAMS, type RuleForm } from "@/lib/alerts/rules/form";
import { DETECTOR_DEFAULTS, DETECTORS, GROUP_BY } from "@/lib/alerts/rules/schema";
import { describedBy, Field } from "./field";
import { MatchFields } from "./match-fields";

// The fields of each rule kind (see README "Alert rules as code" for what each kind does).

type Props = {
  form: RuleForm;
  set: (patch: Partial<RuleForm>) => void;
  errors: Record<string, string>;
};

const DURATION_HINT = 'Like "90s", "5m", "2h" or "7d" (10s to 30d)';

function TextInput({
  id,
  value,
  onChange,
  error,
  hint,
  ...rest
}: { id: string; value: string; onChange: (v: string) => void; error?: string; hint?: boolean } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "onChange" | "value"
>) {
  return (
    <input
      id={id}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      className={inputClass}
      {...describedBy(id, error, hint)}
      {...rest}
    />
  );
}

export function ThresholdFields({ form, set, errors }: Props) {
  return (
    <div className="space-y-3">
      <MatchFields
        legend="Events counted"
        name="match"
        value={form.match}
        onChange={(match) => set({ match })}
        errors={errors}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="rule-groupBy" label="Group by" error={errors.groupBy}>
          <select
            id="rule-groupBy"
            value={form.groupBy}
            onChange={(event) => set({ groupBy: event.target.value as RuleForm["groupBy"] })}
            className={inputClass}
          >
            {GROUP_BY.map((key) => (
              <option key={key}>{key}</option>
            ))}
          </select>
        </Field>
        <Field id="rule-count" label="Count" hint="Fires when a group reaches this many" error={errors.count}>
          <TextInput
            id="rule-count"
            type="number"
            min={1}
            inputMode="numeric"
            value={form.count}
            onChange={(count) => set({ count })}
            error={errors.count}
            hint
          />
        </Field>
        <Field id="rule-window" label="Window" hint={DURATION_HINT} error={errors.window}>
          <TextInput
            id="rule-window"
            value={form.window}
            onChange={(window) => set({ window })}
            error={errors.window}
            hint
          />
        </Field>
      </div>
    </div>
  );
}

export function SequenceFields({ form, set, errors }: Props) {
  return (
    <div className="space-y-3">
      <MatchFields
        legend="First: the event that starts the wait"
        name="first"
        value={form.first}
        onChange={(first) => set({ first })}
        errors={errors}
      />
      <MatchFields
        legend="Expect: the event that must follow on the same correlation id"
        name="expect"
        value={form.expect}
        onChange={(expect) => set({ expect })}
        errors={errors}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={form.useBefore}
          onChange={(event) => set({ useBefore: event.target.checked })}
        />
        Expected before another event (otherwise only within the time below)
      </label>
      {form.useBefore && (
        <MatchFields
          legend="Before: the event the expected one must precede"
          name="before"
          value={form.before}
          onChange={(before) => set({ before })}
          errors={errors}
        />
      )}
      <Field id="rule-within" label="Within" hint={DURATION_HINT} error={errors.within} className="max-w-xs">
        <TextInput
          id="rule-within"
          value={form.within}
          onChange={(within) => set({ within })}
          error={errors.within}
          hint
        />
      </Field>
    </div>
  );
}

const PARAM_LABELS: Record<keyof typeof DETECTOR_DEFAULTS, string> = {
  baselineHours: "Baseline hours",
  zScore: "z-score",
  minCount: "Minimum count per hour",
  maxShare: "Maximum share of events in an hour of day",
};

export function DetectorFields({ form, set, errors }: Props) {
  const params = DETECTOR_PARAMS[form.detector] ?? [];
  return (
    <div className="space-y-3">
      <Field id="rule-detector" label="Detector" error={errors.detector} className="max-w-sm">
        <select
          id="rule-detector"
          value={form.detector}
          onChange={(event) => set({ detector: event.target.value as RuleForm["detector"] })}
          className={inputClass}
        >
          {DETECTORS.map((detector) => (
            <option key={detector}>{detector}</option>
          ))}
        </select>
      </Field>
      {params.length > 0 ? (
        <div className="grid gap-3 sm:grid-cols-3">
          {params.map((param) => (
            <Field
              key={param}
              id={`rule-param-${param}`}
              label={PARAM_LABELS[param]}
              hint={`Default ${DETECTOR_DEFAULTS[param]}`}
              error={errors[`params.${param}`]}
            >
              <TextInput
                id={`rule-param-${param}`}
                type="number"
                step="any"
                value={form[param]}
                onChange={(value) => set({ [param]: value })}
                error={errors[`params.${param}`]}
                hint
              />
            </Field>
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">This detector takes no parameters.</p>
      )}
    </div>
  );
}

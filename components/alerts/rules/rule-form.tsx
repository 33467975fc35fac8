"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { buttonClass, inputClass, primaryButtonClass } from "@/components/ui/styles";
import { fieldErrors, formToRule, type RuleForm, slugify } from "@/lib/alerts/rules/form";
import { type AlertRule, ruleSchema, SEVERITIES } from "@/lib/alerts/rules/schema";
import { callRulesApi, type RulesApiError } from "./api";
import { DeleteRuleButton } from "./delete-rule-button";
import { describedBy, Field } from "./field";
import { DetectorFields, SequenceFields, ThresholdFields } from "./kind-fields";
import { RuleTestPanel } from "./rule-test-panel";

// The rule editor, for a new rule or an existing one. The browser validates with the same
// schema as the server, so errors show next to their fields before anything is sent; saving
// applies a new version of the rule set, refused (412) if the rules changed since the editor
// was opened on `version`.

const KIND_LABELS: Record<AlertRule["kind"], string> = {
  threshold: "Threshold: N matching events per group within a window",
  sequence: "Sequence: an event not followed by another in time",
  detector: "Detector: a built-in finding",
};

export function RuleFormEditor({
  initial,
  version,
  existingIds,
  mode,
}: {
  initial: RuleForm;
  /** The rule set version the editor was opened on (sent as If-Match). */
  version: number;
  /** Ids already in use, so a new rule's derived id does not collide. */
  existingIds: string[];
  mode: "new" | "edit";
}) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [idTouched, setIdTouched] = useState(mode === "edit");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<RuleForm>) => setForm((current) => ({ ...current, ...patch }));

  function validRule(): AlertRule | null {
    const result = ruleSchema.safeParse(formToRule(form));
    setErrors(result.success ? {} : fieldErrors(result.error.issues));
    // A valid rule clears the "not valid yet" notice of an earlier attempt.
    if (result.success) setSaveError(null);
    return result.success ? result.data : null;
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaveError(null);
    const rule = validRule();
    if (!rule) {
      setSaveError("The rule is not valid yet: see the fields marked in red. Nothing was saved.");
      return;
    }
    setSaving(true);
    try {
      if (mode === "new") await callRulesApi("POST", "/api/v1/alert-rules/rules", { rule }, version);
      else await callRulesApi("PUT", `/api/v1/alert-rules/rules/${encodeURIComponent(rule.id)}`, { rule }, version);
      router.push(`/alerts/rules?saved=${encodeURIComponent(rule.id)}`);
      router.refresh();
    } catch (e) {
      setSaveError((e as RulesApiError).message);
      setSaving(false);
    }
  }

  const KindFields = { threshold: ThresholdFields, sequence: SequenceFields, detector: DetectorFields }[form.kind];
  return (
    <form
      onSubmit={save}
      noValidate
      aria-label={mode === "new" ? "New alert rule" : `Edit rule ${initial.id}`}
      className="space-y-6"
    >
      <Card title="Rule">
        <div className="grid gap-3 md:grid-cols-2">
          <Field id="rule-name" label="Name" error={errors.name}>
            <input
              id="rule-name"
              value={form.name}
              onChange={(e) =>
                set({ name: e.target.value, ...(idTouched ? {} : { id: slugify(e.target.value, existingIds) }) })
              }
              maxLength={200}
              className={inputClass}
              {...describedBy("rule-name", errors.name)}
            />
          </Field>
          <Field
            id="rule-id"
            label="Id"
            hint={
              mode === "new" ? "Derived from the name; alerts and the YAML refer to it" : "A rule's id cannot change"
            }
            error={errors.id}
          >
            <input
              id="rule-id"
              value={form.id}
              readOnly={mode === "edit"}
              onChange={(e) => {
                setIdTouched(true);
                set({ id: e.target.value });
              }}
              className={`${inputClass} font-mono read-only:bg-slate-100 dark:read-only:bg-slate-800`}
              {...describedBy("rule-id", errors.id, true)}
            />
          </Field>
          <Field id="rule-kind" label="Kind" error={errors.kind}>
            <select
              id="rule-kind"
              value={form.kind}
              onChange={(e) => set({ kind: e.target.value as RuleForm["kind"] })}
              className={inputClass}
            >
              {Object.entries(KIND_LABELS).map(([kind, label]) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="rule-severity" label="Severity" error={errors.severity}>
            <select
              id="rule-severity"
              value={form.severity}
              onChange={(e) => set({ severity: e.target.value as RuleForm["severity"] })}
              className={inputClass}
            >
              {SEVERITIES.map((severity) => (
                <option key={severity}>{severity}</option>
              ))}
            </select>
          </Field>
          <Field
            id="rule-description"
            label="Description (optional)"
            error={errors.description}
            className="md:col-span-2"
          >
            <textarea
              id="rule-description"
              rows={2}
              value={form.description}
              onChange={(e) => set({ description: e.target.value })}
              className={inputClass}
              {...describedBy("rule-description", errors.description)}
            />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
            Enabled (evaluated on new events)
          </label>
        </div>
      </Card>
      <Card title="What it watches">
        <KindFields form={form} set={set} errors={errors} />
      </Card>
      <Card title="Scope and notifications">
        <div className="grid gap-3 md:grid-cols-2">
          {(
            [
              ["scopeAgents", "scope.agents", "Only these agents"],
              ["scopeUsers", "scope.users", "Only on behalf of these users"],
              ["scopeTools", "scope.tools", "Only these tools"],
              ["notify", "notify", "Notify destinations"],
            ] as const
          ).map(([field, key, label]) => (
            <Field
              key={field}
              id={`rule-${field}`}
              label={label}
              hint="Comma-separated; empty means all"
              error={errors[key]}
            >
              <input
                id={`rule-${field}`}
                value={form[field]}
                onChange={(e) => set({ [field]: e.target.value })}
                className={inputClass}
                {...describedBy(`rule-${field}`, errors[key], true)}
              />
            </Field>
          ))}
        </div>
      </Card>
      <Card>
        <RuleTestPanel validRule={validRule} />
      </Card>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className={primaryButtonClass} disabled={saving}>
          {saving ? "Saving…" : mode === "new" ? "Create rule" : "Save changes"}
        </button>
        <Link href="/alerts/rules" className={buttonClass}>
          Cancel
        </Link>
        {mode === "edit" && <DeleteRuleButton ruleId={initial.id} version={version} />}
        {saveError && (
          <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">
            {saveError}
          </p>
        )}
      </div>
    </form>
  );
}

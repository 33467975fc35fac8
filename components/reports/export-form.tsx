"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { callSettingsApi } from "@/components/settings/api";
import { inputClass, labelClass, muted, primaryButtonClass } from "@/components/ui/styles";
import { exportsQueryKey } from "./use-exports";

export type FrameworkOption = { id: string; title: string; citation: string; summary: string };

const FORMATS = [
  { id: "pdf", label: "PDF", hint: "for people: tables and charts" },
  { id: "csv", label: "CSV", hint: "the evidence, one row per event" },
  { id: "json", label: "JSON", hint: "the report, plus events.ndjson" },
] as const;

/** The period's dates are whole UTC days; `to` is sent as the start of the day after. */
function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
}

export function ExportForm({
  frameworks,
  defaultFrom,
  defaultTo,
}: {
  frameworks: FrameworkOption[];
  defaultFrom: string;
  defaultTo: string;
}) {
  const queryClient = useQueryClient();
  const [framework, setFramework] = useState(frameworks[0]?.id ?? "");
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const [formats, setFormats] = useState<string[]>(["pdf", "csv"]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setQueued(null);
    if (formats.length === 0) return setError("Choose at least one format.");
    if (!from || !to || from > to) return setError("The period must start on or before its last day.");
    setBusy(true);
    try {
      const body = { framework, from: `${from}T00:00:00Z`, to: dayAfter(to), formats };
      const { id } = await callSettingsApi<{ id: string }>("POST", "/api/v1/reports", body);
      setQueued(id);
      await queryClient.invalidateQueries({ queryKey: exportsQueryKey });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (id: string) =>
    setFormats((current) => (current.includes(id) ? current.filter((f) => f !== id) : [...current, id]));

  return (
    <form onSubmit={submit} className="space-y-5" aria-label="New report">
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Framework</legend>
        <div className="grid gap-3 md:grid-cols-2">
          {frameworks.map((f) => (
            <label
              key={f.id}
              className={`flex cursor-pointer gap-3 rounded-lg border p-3 text-sm focus-within:ring-2 focus-within:ring-sky-600 ${
                framework === f.id
                  ? "border-sky-600 bg-sky-50 dark:bg-sky-950"
                  : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
              }`}
            >
              <input
                type="radio"
                name="framework"
                value={f.id}
                checked={framework === f.id}
                onChange={() => setFramework(f.id)}
                className="mt-1"
                aria-describedby={`framework-${f.id}-summary`}
              />
              <span>
                <span className="block font-semibold">{f.title}</span>
                <span className={`block text-xs ${muted}`}>{f.citation}</span>
                <span id={`framework-${f.id}-summary`} className={`mt-1 block text-xs ${muted}`}>
                  {f.summary}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="mb-2 text-sm font-semibold">Period (UTC, both days included)</legend>
        <div>
          <label htmlFor="report-from" className={labelClass}>
            From
          </label>
          <input
            id="report-from"
            type="date"
            className={inputClass}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            required
          />
        </div>
        <div>
          <label htmlFor="report-to" className={labelClass}>
            To
          </label>
          <input
            id="report-to"
            type="date"
            className={inputClass}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            required
          />
        </div>
      </fieldset>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Formats</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {FORMATS.map((f) => (
            <label key={f.id} className="flex items-center gap-2">
              <input type="checkbox" checked={formats.includes(f.id)} onChange={() => toggle(f.id)} />
              <span>
                {f.label} <span className={`text-xs ${muted}`}>({f.hint})</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" className={primaryButtonClass} disabled={busy}>
          {busy ? "Queuing…" : "Generate report"}
        </button>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        {queued && !error && (
          <p role="status" className={`text-sm ${muted}`}>
            Queued. It appears below with its progress.
          </p>
        )}
      </div>
    </form>
  );
}

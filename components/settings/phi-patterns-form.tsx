"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { labelClass, muted, primaryButtonClass } from "@/components/ui/styles";
import { ActionError } from "./use-row-actions";

// Edits the tenant's PHI patterns as text, one pattern per line. The server validates (at most
// 50, each 1–200 characters) and answers with the stored list, which replaces the text.

const toText = (patterns: readonly string[]) => patterns.join("\n");

export function PhiPatternsForm({ patterns }: { patterns: string[] }) {
  const router = useRouter();
  const [text, setText] = useState(toText(patterns));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    setSaved(false);
    try {
      const lines = text
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
      const response = await fetch("/api/v1/settings/phi-patterns", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ patterns: lines }),
      });
      const payload = (await response.json().catch(() => null)) as {
        patterns?: string[];
        error?: { message?: string };
      } | null;
      if (!response.ok) throw new Error(payload?.error?.message ?? `Saving failed (HTTP ${response.status}).`);
      setText(toText(payload?.patterns ?? lines));
      setSaved(true);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="PHI patterns">
      <label htmlFor="phi-patterns" className={labelClass}>
        Patterns, one per line
      </label>
      <textarea
        id="phi-patterns"
        name="patterns"
        rows={Math.min(16, Math.max(6, patterns.length + 2))}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setSaved(false);
        }}
        spellCheck={false}
        placeholder={"ehr.*\nfhir://patients/*\nhttps://mcp.ehr.example*"}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
      />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Saving…" : "Save patterns"}
        </button>
        {saved && (
          <output className={`text-sm ${muted}`} aria-live="polite">
            Saved. The change is in the dashboard audit trail.
          </output>
        )}
      </div>
      <ActionError error={error} />
    </form>
  );
}

export function PhiPatternsList({ patterns }: { patterns: string[] }) {
  if (patterns.length === 0) return <p className={`text-sm ${muted}`}>No PHI patterns are set for this tenant.</p>;
  return (
    <ul aria-label="PHI patterns" className="list-inside list-disc space-y-1 font-mono text-sm">
      {patterns.map((pattern) => (
        <li key={pattern}>{pattern}</li>
      ))}
    </ul>
  );
}

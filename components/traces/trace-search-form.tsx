"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { traceTarget } from "@/components/shell/trace-search";
import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";

// The not-found page's way forward: try another correlation or trace ID.

export function TraceSearchForm({ initial = "" }: { initial?: string }) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(initial);
  return (
    <search>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const target = traceTarget(value);
          if (target) router.push(`/traces/${encodeURIComponent(target)}`);
        }}
      >
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className={labelClass}>
            Correlation ID, trace ID or traceparent
          </label>
          <input
            id={id}
            type="search"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} mt-1 font-mono text-xs`}
          />
        </div>
        <button type="submit" className={primaryButtonClass}>
          Open trace
        </button>
      </form>
    </search>
  );
}

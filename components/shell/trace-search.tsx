"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { inputClass } from "@/components/ui/styles";

// On every page: paste a correlation ID or a W3C trace ID (or a whole traceparent header)
// and jump to its trace. The trace page resolves either kind of ID.

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i;

export function traceTarget(input: string): string | null {
  const value = input.trim();
  if (!value) return null;
  const traceparent = TRACEPARENT.exec(value);
  return traceparent ? (traceparent[1] as string).toLowerCase() : value;
}

export function TraceSearch() {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState("");
  return (
    <search>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const target = traceTarget(value);
          if (target) router.push(`/traces/${encodeURIComponent(target)}`);
        }}
      >
        <label htmlFor={id} className="sr-only">
          Jump to a correlation ID or trace ID
        </label>
        <input
          id={id}
          type="search"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="Correlation or trace ID…"
          autoComplete="off"
          spellCheck={false}
          className={`${inputClass} w-full font-mono text-xs`}
        />
      </form>
    </search>
  );
}

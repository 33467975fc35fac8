"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/styles";

// A password or key that exists in plain text only in this response: shown once, with a copy
// button, until the admin dismisses it.
export function OneTimeSecret({
  label,
  secret,
  children,
  onDismiss,
}: {
  label: string;
  secret: string;
  children: React.ReactNode;
  onDismiss: () => void;
}) {
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <section
      aria-label={label}
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-semibold">{label}</p>
      <p className="mt-1">{children}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code
          data-testid="one-time-secret"
          className="select-all break-all rounded border border-amber-300 bg-white px-2 py-1 font-mono text-sm text-slate-900 dark:border-amber-700 dark:bg-slate-950 dark:text-slate-100"
        >
          {secret}
        </code>
        <button
          type="button"
          className={buttonClass}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopyState("copied");
            } catch {
              // No clipboard access (e.g. plain http on another host): the text is selectable.
              setCopyState("failed");
            }
          }}
        >
          {copyState === "copied" ? "Copied" : copyState === "failed" ? "Copy failed: select the text" : "Copy"}
        </button>
        <button type="button" className={buttonClass} onClick={onDismiss}>
          Done
        </button>
      </div>
    </section>
  );
}

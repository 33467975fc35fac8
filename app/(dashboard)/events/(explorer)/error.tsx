"use client";

import { buttonClass } from "@/components/ui/styles";

// The explorer could not load (database down, a bug): say so and offer a retry; never an empty list.
export default function EventsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div
      role="alert"
      className="max-w-2xl rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950/40"
    >
      <h1 className="text-base font-semibold text-red-900 dark:text-red-200">Events could not be loaded</h1>
      <p className="mt-1 text-sm text-red-800 dark:text-red-300">
        The event store did not answer. Nothing is lost: events are stored before they are acknowledged.
        {error.digest ? ` (reference ${error.digest})` : ""}
      </p>
      <button type="button" className={`${buttonClass} mt-4`} onClick={reset}>
        Try again
      </button>
    </div>
  );
}

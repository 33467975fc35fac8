"use client";

import { PageError } from "@/components/overview/page-states";

export default function TraceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="The trace could not be loaded" error={error} reset={reset} />;
}

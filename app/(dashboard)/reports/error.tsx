"use client";

import { PageError } from "@/components/overview/page-states";

export default function ReportsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Reports could not be loaded" error={error} reset={reset} />;
}

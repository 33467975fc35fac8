"use client";

import { PageError } from "@/components/overview/page-states";

export default function OverviewError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="The overview could not be loaded" error={error} reset={reset} />;
}

"use client";

import { PageError } from "@/components/overview/page-states";

export default function AgentsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Agents could not be loaded" error={error} reset={reset} />;
}

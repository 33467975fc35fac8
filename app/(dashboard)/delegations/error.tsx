"use client";

import { PageError } from "@/components/overview/page-states";

export default function DelegationsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Delegation chains could not be loaded" error={error} reset={reset} />;
}

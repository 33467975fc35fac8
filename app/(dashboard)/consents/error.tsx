"use client";

import { PageError } from "@/components/overview/page-states";

export default function ConsentsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Consents could not be loaded" error={error} reset={reset} />;
}

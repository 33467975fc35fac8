"use client";

import { PageError } from "@/components/overview/page-states";

export default function IntegrityError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Integrity could not be loaded" error={error} reset={reset} />;
}

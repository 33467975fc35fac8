"use client";

import { PageError } from "@/components/overview/page-states";

export default function PoliciesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Policy decisions could not be loaded" error={error} reset={reset} />;
}

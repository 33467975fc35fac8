"use client";

import { PageError } from "@/components/overview/page-states";

export default function ApprovalsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Approvals could not be loaded" error={error} reset={reset} />;
}

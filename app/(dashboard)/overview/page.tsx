import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const auth = await requirePageAuth("data:read", "/overview");
  return <PageHeader title="Overview" description={`Activity in ${auth.tenant.name}.`} />;
}

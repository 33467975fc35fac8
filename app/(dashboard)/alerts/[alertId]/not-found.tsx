import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export default function AlertNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Alert not found</h1>
      <EmptyState title="No such alert in this tenant">
        The link may be mistyped, or the alert belongs to another tenant.{" "}
        <Link href="/alerts" className={linkClass}>
          Back to alerts
        </Link>
      </EmptyState>
    </div>
  );
}

import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export default function EventNotFound() {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">404: event not found</h1>
      <EmptyState title="There is no such event in this tenant">
        The link may be wrong, or the event belongs to a tenant you are not signed in to.{" "}
        <Link className={linkClass} href="/events">
          Back to events
        </Link>
      </EmptyState>
    </div>
  );
}

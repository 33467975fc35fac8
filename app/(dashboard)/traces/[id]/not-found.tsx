import Link from "next/link";
import { TraceSearchForm } from "@/components/traces/trace-search-form";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export default function TraceNotFound() {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">404: trace not found</h1>
      <EmptyState title="No events in this tenant carry that correlation or trace ID">
        The ID may be mistyped, the events may not have arrived yet, or they belong to a tenant you are not signed in
        to.{" "}
        <Link className={linkClass} href="/events">
          Search the events
        </Link>
      </EmptyState>
      <TraceSearchForm />
    </div>
  );
}

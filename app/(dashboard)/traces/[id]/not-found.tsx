import { TraceSearchForm } from "@/components/traces/trace-search-form";
import { NotFoundPage } from "@/components/ui/not-found-page";

export default function TraceNotFound() {
  return (
    <NotFoundPage
      heading="404: trace not found"
      title="No events in this tenant carry that correlation or trace ID"
      back={{ href: "/events", label: "Search the events" }}
      after={<TraceSearchForm />}
    >
      The ID may be mistyped, the events may not have arrived yet, or they belong to a tenant you are not signed in to.
    </NotFoundPage>
  );
}

import { NotFoundPage } from "@/components/ui/not-found-page";

export default function EventNotFound() {
  return (
    <NotFoundPage
      heading="404: event not found"
      title="There is no such event in this tenant"
      back={{ href: "/events", label: "Back to events" }}
    >
      The link may be wrong, or the event belongs to a tenant you are not signed in to.
    </NotFoundPage>
  );
}

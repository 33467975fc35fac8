import { NotFoundPage } from "@/components/ui/not-found-page";

export default function AlertNotFound() {
  return (
    <NotFoundPage
      heading="Alert not found"
      title="No such alert in this tenant"
      back={{ href: "/alerts", label: "Back to alerts" }}
    >
      The link may be mistyped, or the alert belongs to another tenant.
    </NotFoundPage>
  );
}

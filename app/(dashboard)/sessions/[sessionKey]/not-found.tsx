import { NotFoundPage } from "@/components/ui/not-found-page";

export default function SessionNotFound() {
  return (
    <NotFoundPage
      heading="Session not found"
      title="No such session in this tenant"
      back={{ href: "/sessions", label: "Back to sessions" }}
    >
      The link may be mistyped, or the session belongs to another tenant.
    </NotFoundPage>
  );
}

import { NotFoundPage } from "@/components/ui/not-found-page";

export default function AgentNotFound() {
  return (
    <NotFoundPage
      heading="Agent not found"
      title="No such agent in this tenant"
      back={{ href: "/agents", label: "Back to agents" }}
    >
      The link may be mistyped, or the agent belongs to another tenant.
    </NotFoundPage>
  );
}

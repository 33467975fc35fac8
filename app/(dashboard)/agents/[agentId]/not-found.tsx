import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export default function AgentNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Agent not found</h1>
      <EmptyState title="No such agent in this tenant">
        The link may be mistyped, or the agent belongs to another tenant.{" "}
        <Link href="/agents" className={linkClass}>
          Back to agents
        </Link>
      </EmptyState>
    </div>
  );
}

import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export default function SessionNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Session not found</h1>
      <EmptyState title="No such session in this tenant">
        The link may be mistyped, or the session belongs to another tenant.{" "}
        <Link href="/sessions" className={linkClass}>
          Back to sessions
        </Link>
      </EmptyState>
    </div>
  );
}

import { LoadingBlocks } from "@/components/overview/page-states";

// Only the list has a loading boundary: an agent's page renders in one piece, so an unknown or
// another tenant's agent id answers with a real 404 status rather than a streamed 200.
export default function AgentsLoading() {
  return <LoadingBlocks label="Loading agents…" cards={0} charts={2} />;
}

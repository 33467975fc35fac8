import { LoadingBlocks } from "@/components/overview/page-states";

export default function AgentsLoading() {
  return <LoadingBlocks label="Loading agents…" cards={0} charts={2} />;
}

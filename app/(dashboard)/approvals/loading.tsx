import { LoadingBlocks } from "@/components/overview/page-states";

export default function ApprovalsLoading() {
  return <LoadingBlocks label="Loading approvals…" cards={7} charts={1} />;
}

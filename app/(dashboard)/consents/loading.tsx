import { LoadingBlocks } from "@/components/overview/page-states";

export default function ConsentsLoading() {
  return <LoadingBlocks label="Loading consents…" cards={0} charts={2} />;
}

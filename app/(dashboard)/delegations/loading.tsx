import { LoadingBlocks } from "@/components/overview/page-states";

export default function DelegationsLoading() {
  return <LoadingBlocks label="Loading delegation chains…" cards={0} charts={4} />;
}

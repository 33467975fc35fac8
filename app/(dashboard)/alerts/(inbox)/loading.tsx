import { LoadingBlocks } from "@/components/overview/page-states";

export default function AlertsLoading() {
  return <LoadingBlocks label="Loading alerts…" cards={0} charts={1} />;
}

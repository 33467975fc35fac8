import { LoadingBlocks } from "@/components/overview/page-states";

export default function ReportsLoading() {
  return <LoadingBlocks label="Loading reports…" cards={0} charts={1} />;
}

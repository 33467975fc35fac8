import { LoadingBlocks } from "@/components/overview/page-states";

export default function OverviewLoading() {
  return <LoadingBlocks label="Loading the overview…" />;
}

import { LoadingBlocks } from "@/components/overview/page-states";

export default function IntegrityLoading() {
  return <LoadingBlocks label="Loading integrity…" cards={0} charts={1} />;
}

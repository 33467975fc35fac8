import { LoadingBlocks } from "@/components/overview/page-states";

export default function PoliciesLoading() {
  return <LoadingBlocks label="Loading policy decisions…" cards={0} charts={2} />;
}

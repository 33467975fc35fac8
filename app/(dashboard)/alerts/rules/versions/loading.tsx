import { LoadingBlocks } from "@/components/overview/page-states";

export default function RuleVersionsLoading() {
  return <LoadingBlocks label="Loading the rule set's versions…" cards={0} charts={2} />;
}

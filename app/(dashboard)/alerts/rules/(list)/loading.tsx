import { LoadingBlocks } from "@/components/overview/page-states";

// Only the list and history have loading boundaries: a rule's editor renders in one piece, so
// an unknown rule id answers with a real 404 status rather than a streamed 200.
export default function AlertRulesLoading() {
  return <LoadingBlocks label="Loading alert rules…" cards={0} charts={1} />;
}

import { LoadingBlocks } from "@/components/overview/page-states";

// Only the list has a loading boundary: a session's page renders in one piece, so an unknown
// or another tenant's session key answers with a real 404 status rather than a streamed 200.
export default function SessionsLoading() {
  return <LoadingBlocks label="Loading sessions…" cards={0} charts={1} />;
}

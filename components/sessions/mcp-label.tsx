// How an event relates to MCP sessions: a stateful client's session id, a stateless call
// (MCP 2026-07-28 sends no session id), or no MCP call at all (a consent, a token…).

export const STATELESS_LABEL = "stateless (MCP 2026-07-28)";

export function mcpLabel(event: { isMcp: boolean; mcpSessionId: string | null; mcpProtocolVersion: string | null }) {
  if (event.mcpSessionId) return event.mcpSessionId;
  if (!event.isMcp) return null;
  return event.mcpProtocolVersion && event.mcpProtocolVersion !== "2026-07-28"
    ? `stateless (MCP ${event.mcpProtocolVersion})`
    : STATELESS_LABEL;
}

/** A stable, distinguishable tint per MCP session, so consecutive rows of one session read as a group. */
const TINTS = [
  "border-l-sky-500",
  "border-l-violet-500",
  "border-l-emerald-500",
  "border-l-amber-500",
  "border-l-rose-500",
  "border-l-teal-500",
];
export function mcpTint(index: number | undefined): string {
  return index === undefined ? "border-l-transparent" : (TINTS[index % TINTS.length] as string);
}

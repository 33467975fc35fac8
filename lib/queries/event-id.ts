import { agentIdFromParam } from "./agent-id";

// Event ids may hold ":" (the dashboard's own are `attest-dashboard:<uuid>`), which arrives in a
// dynamic segment still percent-encoded (vercel/next.js#48058). The contract allows no "%" in
// an event id, so decoding once is unambiguous.
export function eventIdFromParam(value: string | string[] | undefined): string {
  return agentIdFromParam(value);
}

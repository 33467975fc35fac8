// Agent ids arrive in URLs percent-encoded (they may hold ":" or "/"). Next hands dynamic
// segments over still encoded in some paths and decoded in others, so decode once, tolerantly.
export function agentIdFromParam(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value.join("/") : (value ?? "");
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The dashboard path of an agent's page. */
export function agentHref(agentId: string): string {
  return `/agents/${encodeURIComponent(agentId)}`;
}

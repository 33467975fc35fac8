// Calls an alert-rules API route from the browser. Errors come in the one shape
// { error: { code, message } }, written for people, so the UI shows the message as is.
export class RulesApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function callRulesApi<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
  ifMatchVersion?: number,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (ifMatchVersion !== undefined) headers["if-match"] = `"${ifMatchVersion}"`;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new RulesApiError(0, "The server could not be reached; nothing was changed.");
  }
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (payload as { error?: { message?: string } } | null)?.error?.message;
    throw new RulesApiError(response.status, message ?? `The request failed (HTTP ${response.status}).`);
  }
  return payload as T;
}

/** "2026-11-28 10:03 UTC": the same on server and client, so hydration never differs. */
export function formatUtc(iso: string | Date): string {
  const text = typeof iso === "string" ? iso : iso.toISOString();
  return `${text.slice(0, 16).replace("T", " ")} UTC`;
}

export const ruleHref = (ruleId: string) => `/alerts/rules/${encodeURIComponent(ruleId)}`;

// Calls a settings API route from the browser. The error shape is { error: { code, message } };
// its message is written for people, so the UI shows it as is.
export async function callSettingsApi<T>(method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (payload as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `The request failed (HTTP ${response.status}).`);
  }
  return payload as T;
}

/** "2026-11-28 10:03 UTC": the same on server and client, so hydration never differs. */
export function formatTime(iso: string | null, empty = "never"): string {
  if (!iso) return empty;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

// The one error shape of every Attest API: { error: { code, message } }.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const unauthorized = (message = "A valid credential is required.") => new ApiError(401, "unauthorized", message);
export const notFound = (message = "Not found.") => new ApiError(404, "not_found", message);
export const storageUnavailable = () =>
  new ApiError(
    503,
    "storage_unavailable",
    "The event store is unavailable; nothing from this request was stored. Retry later.",
    {
      "Retry-After": "5",
    },
  );

export function errorResponse(error: ApiError): Response {
  return Response.json(
    { error: { code: error.code, message: error.message } },
    { status: error.status, headers: { "Cache-Control": "no-store", ...error.headers } },
  );
}

const CONNECTION_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EAI_AGAIN"]);

/**
 * True when an error means Postgres could not be reached or went away: connection-level
 * errors, SQLSTATE classes 08 (connection), 53 (resources) and 57 (operator intervention).
 */
export function isStorageUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === "string") {
    if (CONNECTION_ERROR_CODES.has(e.code)) return true;
    if (/^(08|53|57)/.test(e.code)) return true;
  }
  const message = typeof e.message === "string" ? e.message : "";
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database/i.test(
    message,
  );
}

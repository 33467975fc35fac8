import { authenticateIngestKey, type IngestPrincipal } from "../keys/ingest-keys";
import { log } from "../log";
import { ApiError, errorResponse, isStorageUnavailable, storageUnavailable, unauthorized } from "./errors";

// The one route wrapper: it authenticates, hands the handler what it needs, and maps every
// failure to the one error shape. Handlers call lib/ and return a Response.

type AuthMode = "none" | "ingestKey";

type Context<A extends AuthMode> = { request: Request } & (A extends "ingestKey" ? { principal: IngestPrincipal } : object);

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export function apiRoute<A extends AuthMode>(auth: A, handler: (context: Context<A>) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      if (auth === "ingestKey") {
        const principal = await authenticateIngestKey(bearerToken(request));
        if (!principal) throw unauthorized("A valid ingest key is required: Authorization: Bearer <key>.");
        return await handler({ request, principal } as Context<A>);
      }
      return await handler({ request } as Context<A>);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      if (isStorageUnavailable(error)) {
        log.warn({ err: error, path: new URL(request.url).pathname }, "storage unavailable");
        return errorResponse(storageUnavailable());
      }
      log.error({ err: error, path: new URL(request.url).pathname }, "unhandled API error");
      return errorResponse(new ApiError(500, "internal", "Something went wrong on our side; nothing was acknowledged."));
    }
  };
}

import { ZodError } from "zod";
import { can, type Permission } from "../auth/roles";
import { type AuthContext, getAuthContext } from "../auth/session";
import { formatPath } from "../ingest/validate";
import { authenticateIngestKey, type IngestPrincipal } from "../keys/ingest-keys";
import { log } from "../log";
import { ApiError, errorResponse, isStorageUnavailable, storageUnavailable, unauthorized } from "./errors";

// The one route wrapper: it authenticates (ingest key, dashboard session, or nothing), checks
// the role's permission, hands the handler its tenant, and maps every failure to the one
// error shape. Handlers call lib/ and return a Response.

type Options = { auth: "none" } | { auth: "ingestKey" } | { auth: "session"; permission: Permission };

type Params = Record<string, string | string[]>;
type Base = { request: Request; params: Params };
type Context<O extends Options> = O extends { auth: "ingestKey" }
  ? Base & { principal: IngestPrincipal }
  : O extends { auth: "session" }
    ? Base & { auth: AuthContext }
    : Base;

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

async function authenticate(options: Options, request: Request, params: Params): Promise<Context<Options>> {
  if (options.auth === "ingestKey") {
    const principal = await authenticateIngestKey(bearerToken(request));
    if (!principal) throw unauthorized("A valid ingest key is required: Authorization: Bearer <key>.");
    return { request, params, principal };
  }
  if (options.auth === "session") {
    const auth = await getAuthContext();
    if (!auth) throw unauthorized("Sign in first.");
    if (auth === "no-tenant" || !can(auth.role, options.permission)) {
      throw new ApiError(403, "forbidden", "Your role in this tenant does not allow this.");
    }
    return { request, params, auth };
  }
  return { request, params };
}

export function apiRoute<O extends Options>(options: O, handler: (context: Context<O>) => Promise<Response>) {
  return async (request: Request, route?: { params?: Promise<Params> }): Promise<Response> => {
    try {
      const params = (await route?.params) ?? {};
      const context = (await authenticate(options, request, params)) as Context<O>;
      return await handler(context);
    } catch (error) {
      return errorToResponse(error, request);
    }
  };
}

function errorToResponse(error: unknown, request: Request): Response {
  if (error instanceof ApiError) return errorResponse(error);
  if (error instanceof ZodError) {
    const message = error.issues.map((issue) => `${formatPath(issue.path) || "body"} ${issue.message}`).join("; ");
    return errorResponse(new ApiError(400, "invalid_request", message));
  }
  const path = new URL(request.url).pathname;
  if (isStorageUnavailable(error)) {
    log.warn({ err: error, path }, "storage unavailable");
    return errorResponse(storageUnavailable());
  }
  log.error({ err: error, path }, "unhandled API error");
  return errorResponse(new ApiError(500, "internal", "Something went wrong on our side; nothing was acknowledged."));
}

/** Reads a JSON body and validates it; a ZodError becomes a 400 naming the fields. */
export async function jsonBody<T>(request: Request, schema: { parse: (value: unknown) => T }): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError(400, "invalid_json", "The body must be JSON.");
  }
  return schema.parse(body);
}

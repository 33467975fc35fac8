import { ZodError } from "zod";
import { can, type Permission } from "../auth/roles";
import { type AuthContext, getAuthContext } from "../auth/session";
import { formatPath } from "../ingest/validate";
import { type ApiTokenScope, verifyApiToken } from "../keys/api-tokens";
import { authenticateIngestKey, type IngestPrincipal } from "../keys/ingest-keys";
import { log } from "../log";
import { ApiError, errorResponse, isStorageUnavailable, storageUnavailable, unauthorized } from "./errors";

// The one route wrapper: it authenticates (ingest key, dashboard session, API token for
// CI/CD, or nothing), checks the role's permission or the token's scope, hands the handler
// its tenant, and maps every failure to the one error shape. Handlers call lib/ and return a
// Response.

type Options =
  | { auth: "none" }
  | { auth: "ingestKey" }
  | { auth: "session"; permission: Permission }
  /** A dashboard session with `permission`, or `Authorization: Bearer <API token>` with `scope`. */
  | { auth: "sessionOrApiToken"; permission: Permission; scope: ApiTokenScope };

/** Who is calling a sessionOrApiToken route, in which tenant; `label` goes into audit records. */
export type RequestActor = { tenantId: string; label: string; via: "session" | "token" };

type Params = Record<string, string | string[]>;
type Base = { request: Request; params: Params };
type Context<O extends Options> = O extends { auth: "ingestKey" }
  ? Base & { principal: IngestPrincipal }
  : O extends { auth: "session" }
    ? Base & { auth: AuthContext }
    : O extends { auth: "sessionOrApiToken" }
      ? Base & { actor: RequestActor }
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
  if (options.auth === "sessionOrApiToken" && request.headers.has("authorization")) {
    const token = await verifyApiToken(bearerToken(request) ?? "");
    if (!token) throw unauthorized("A valid API token is required: Authorization: Bearer <token>.");
    if (!token.scopes.includes(options.scope))
      throw new ApiError(403, "forbidden", `This API token lacks the ${options.scope} scope.`);
    const actor: RequestActor = {
      tenantId: token.tenantId,
      label: `token:${token.prefix} (${token.name})`,
      via: "token",
    };
    return { request, params, actor };
  }
  if (options.auth === "session" || options.auth === "sessionOrApiToken") {
    const auth = await sessionWith(options.permission);
    if (options.auth === "session") return { request, params, auth };
    return { request, params, actor: { tenantId: auth.tenant.id, label: `user:${auth.user.email}`, via: "session" } };
  }
  return { request, params };
}

async function sessionWith(permission: Permission): Promise<AuthContext> {
  const auth = await getAuthContext();
  if (!auth) throw unauthorized("Sign in first.");
  if (auth === "no-tenant" || !can(auth.role, permission)) {
    throw new ApiError(403, "forbidden", "Your role in this tenant does not allow this.");
  }
  return auth;
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

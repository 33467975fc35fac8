import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { API_TOKEN_SCOPES, createApiToken, listApiTokens } from "@/lib/keys/api-tokens";

const createTokenInput = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1, "must name at least one scope"),
});

// API tokens of the active tenant, by prefix; never the tokens themselves.
export const GET = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ auth }) =>
  Response.json({ tokens: await listApiTokens(auth.tenant.id) }),
);

// The full token is in this response once; only its hash is stored.
export const POST = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ request, auth }) => {
  const { name, scopes } = await jsonBody(request, createTokenInput);
  const token = await createApiToken(auth.tenant.id, { name, scopes, createdBy: auth.user.email });
  await auditSessionAction(auth, request, {
    type: "x-attest.api_token.created",
    target: { type: "x-api-token", id: token.prefix, name },
    attributes: { scopes: token.scopes },
  });
  return Response.json({ token }, { status: 201, headers: { "Cache-Control": "no-store" } });
});

import { cookies } from "next/headers";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { TENANT_COOKIE } from "@/lib/auth/session";

const body = z.object({ slug: z.string().min(1).max(64) });

// Switches the active tenant. Only tenants the user belongs to can be chosen.
export const POST = apiRoute({ auth: "session", permission: "data:read" }, async ({ request, auth }) => {
  const { slug } = await jsonBody(request, body);
  const tenant = auth.tenants.find((t) => t.slug === slug);
  if (!tenant) throw new ApiError(404, "not_found", "No such tenant.");
  (await cookies()).set(TENANT_COOKIE, tenant.slug, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production" && process.env.NEXTAUTH_URL?.startsWith("https:"),
    path: "/",
  });
  return Response.json({ tenant: { slug: tenant.slug, name: tenant.name, role: tenant.role } });
});

import { apiRoute, jsonBody } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { getPhiPatterns, phiPatternsInput, setPhiPatterns } from "@/lib/tenant-settings";

// The active tenant's PHI patterns (for the HIPAA report). Every role reads them; admins
// replace the whole list with PUT { patterns: [...] }, recorded as x-attest.settings.changed.
export const GET = apiRoute({ auth: "session", permission: "data:read" }, async ({ auth }) =>
  Response.json({ patterns: await getPhiPatterns(auth.tenant.id) }, { headers: { "Cache-Control": "no-store" } }),
);

export const PUT = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ request, auth }) => {
  const input = await jsonBody(request, phiPatternsInput);
  const change = await setPhiPatterns(auth.tenant.id, input);
  if (change.added.length || change.removed.length) {
    await auditSessionAction(auth, request, {
      type: "x-attest.settings.changed",
      target: { type: "x-setting", id: "phi_patterns", name: "PHI patterns" },
      attributes: {
        setting: "phi_patterns",
        added: change.added,
        removed: change.removed,
        count: change.patterns.length,
      },
    });
  }
  return Response.json({ patterns: change.patterns }, { headers: { "Cache-Control": "no-store" } });
});

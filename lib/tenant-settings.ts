import { z } from "zod";
import { prisma } from "./db";

// Tenant-wide settings an admin edits in the dashboard. For now: the PHI patterns, which mark
// tools and resources as protected health information for the HIPAA §164.312(b) report
// (lib/reports/phi.ts matches them). A pattern is a glob where `*` matches any run of
// characters (also none), compared with the whole target id or resource URI, e.g.
// `ehr.*`, `fhir://patients/*`, `https://mcp.ehr.example*`.

export const MAX_PHI_PATTERNS = 50;
export const MAX_PHI_PATTERN_LENGTH = 200;

const phiPattern = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_PHI_PATTERN_LENGTH, `must be at most ${MAX_PHI_PATTERN_LENGTH} characters`)
  // Control characters could never match a stored id and would only hide in the list.
  .regex(/^[^\p{Cc}]+$/u, "must not contain control characters");

export const phiPatternsInput = z.object({
  patterns: z
    .array(phiPattern)
    .max(MAX_PHI_PATTERNS, `at most ${MAX_PHI_PATTERNS} patterns`)
    // Repeats are dropped, first occurrence kept, so the order an admin chose stays.
    .transform((patterns) => [...new Set(patterns)]),
});
export type PhiPatternsInput = z.input<typeof phiPatternsInput>;

export async function getPhiPatterns(tenantId: string): Promise<string[]> {
  const tenant = await prisma.tenant.findUnique({ where: { id: tenantId }, select: { phiPatterns: true } });
  return tenant?.phiPatterns ?? [];
}

export type PhiPatternsChange = { patterns: string[]; previous: string[]; added: string[]; removed: string[] };

/**
 * Replaces the tenant's PHI patterns (validated; throws a ZodError naming the bad entry).
 * Returns what changed, for the x-attest.settings.changed event.
 */
export async function setPhiPatterns(tenantId: string, input: PhiPatternsInput): Promise<PhiPatternsChange> {
  const { patterns } = phiPatternsInput.parse(input);
  const previous = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ phi_patterns: string[] }[]>`
      SELECT phi_patterns FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
    await tx.tenant.update({ where: { id: tenantId }, data: { phiPatterns: patterns } });
    return row?.phi_patterns ?? [];
  });
  return {
    patterns,
    previous,
    added: patterns.filter((p) => !previous.includes(p)),
    removed: previous.filter((p) => !patterns.includes(p)),
  };
}

import { ensureDemoRules } from "../alerts/rules/demo-rules";
import { disconnectDb, prisma } from "../db";
import { ingestEvents } from "../ingest";
import { createTenant, findTenantBySlug } from "../tenants";
import { DEFAULT_DEMO_EVENTS, generateDemoBatches } from "./generator";
import { ensureDemoPhiPatterns } from "./phi-patterns";

// Loads demo traffic through the collector's own pipeline (validate → normalize → dedupe →
// store), never straight SQL, so seeded data is exactly what a sender would have produced.
// Events stream in batches, so millions never sit in memory. Ids are stable per seed, so a
// second run with the same seed counts duplicates instead of adding rows.

export type SeedOptions = {
  seed?: number;
  events?: number;
  tenantSlug?: string;
  /** Do nothing when the tenant already has events. */
  ifEmpty?: boolean;
  batchSize?: number;
  now?: Date | number | string;
  onProgress?: (progress: SeedProgress) => void;
};

export type SeedProgress = { sent: number; total: number; accepted: number; duplicates: number; elapsedMs: number };

export type SeedSummary = {
  tenant: { id: string; slug: string; created: boolean };
  skipped: boolean;
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first few rejections, for the error message; a valid generator produces none. */
  rejections: string[];
  agents: number;
  users: number;
  elapsedMs: number;
};

export async function seedDemo(options: SeedOptions = {}): Promise<SeedSummary> {
  const slug = options.tenantSlug ?? "demo";
  const total = options.events ?? DEFAULT_DEMO_EVENTS;
  const batchSize = options.batchSize ?? 1_000;
  if (batchSize < 1 || batchSize > 1_000)
    throw new Error("batchSize must be between 1 and 1000 (the collector's limit)");
  const started = Date.now();

  const existing = await findTenantBySlug(slug);
  const tenant = existing ?? (await createTenant(slug, slug === "demo" ? "Demo (Northwind)" : undefined));
  const summary: SeedSummary = {
    tenant: { id: tenant.id, slug: tenant.slug, created: !existing },
    skipped: false,
    sent: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    rejections: [],
    agents: 0,
    users: 0,
    elapsedMs: 0,
  };

  if (options.ifEmpty && (await prisma.event.findFirst({ where: { tenantId: tenant.id }, select: { seq: true } }))) {
    summary.skipped = true;
  } else {
    const batches = generateDemoBatches({
      seed: options.seed ?? 1,
      count: total,
      batchSize,
      now: options.now,
      tenant: slug,
    });
    for (const batch of batches) {
      const result = await ingestEvents(tenant.id, batch);
      summary.sent += batch.length;
      summary.accepted += result.accepted;
      summary.duplicates += result.duplicates;
      summary.rejected += result.rejected.length;
      for (const r of result.rejected.slice(0, 3 - summary.rejections.length)) {
        summary.rejections.push(
          `${r.id ?? `#${r.index}`}: ${r.errors.map((e) => `${e.path} ${e.message}`).join("; ")}`,
        );
      }
      options.onProgress?.({
        sent: summary.sent,
        total,
        accepted: summary.accepted,
        duplicates: summary.duplicates,
        elapsedMs: Date.now() - started,
      });
    }
  }

  if (slug === "demo") {
    await ensureDemoRules(tenant.id);
    await ensureDemoPhiPatterns(tenant.id);
  }
  const [agents, users] = await Promise.all([
    prisma.agent.count({ where: { tenantId: tenant.id } }),
    prisma.humanPrincipal.count({ where: { tenantId: tenant.id } }),
  ]);
  summary.agents = agents;
  summary.users = users;
  summary.elapsedMs = Date.now() - started;
  return summary;
}

export { disconnectDb };

import { pool } from "../db";
import { FRAMEWORK_DEFS } from "./frameworks";
import { phiLikePatterns } from "./phi";
import type { EventRange, Framework, ReportRequest } from "./types";

// The one place that says which rows a report reads. Every query of a report uses BASE with the
// same parameters: $1 tenant, $2 from (inclusive), $3 to (exclusive), $4 the tenant's last seq
// when the report started (events are append-only and seq follows commit order, so this pins
// every query of the report to one consistent set of rows while ingest goes on), and for HIPAA
// $5, the tenant's PHI patterns as LIKE patterns.

export const BASE = "e.tenant_id = $1 AND e.time >= $2 AND e.time < $3 AND e.seq <= $4";

export type ReportScope = {
  request: ReportRequest;
  tenant: { id: string; slug: string; name: string };
  throughSeq: string;
  phiPatterns: string[];
  params: unknown[];
};

export async function openScope(request: ReportRequest): Promise<ReportScope> {
  if (!(request.from < request.to)) throw new Error("the report period must end after it starts");
  const { rows } = await pool().query<{
    id: string;
    slug: string;
    name: string;
    event_seq: string;
    phi_patterns: string[];
  }>("SELECT id, slug, name, event_seq::text, phi_patterns FROM tenants WHERE id = $1", [request.tenantId]);
  const tenant = rows[0];
  if (!tenant) throw new Error(`tenant ${request.tenantId} not found`);
  const phiPatterns = (tenant.phi_patterns ?? []).map((p) => p.trim()).filter((p) => p !== "");
  const params: unknown[] = [tenant.id, request.from, request.to, tenant.event_seq];
  if (FRAMEWORK_DEFS[request.framework].usesPhiPatterns) params.push(phiLikePatterns(phiPatterns));
  return {
    request,
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    throughSeq: tenant.event_seq,
    phiPatterns,
    params,
  };
}

/** Parameters $1–$4 only, for queries that do not touch the framework's scope. */
export const baseParams = (scope: ReportScope) => scope.params.slice(0, 4);

export const frameworkOf = (scope: ReportScope): Framework => scope.request.framework;

/** Count and first/last seq of the tenant's events with time in [from, to), as stored now. */
export async function reportEventRange(tenantId: string, from: Date, to: Date): Promise<EventRange> {
  return eventRangeQuery([tenantId, from, to], "e.tenant_id = $1 AND e.time >= $2 AND e.time < $3");
}

export async function scopeEventRange(scope: ReportScope): Promise<EventRange> {
  return eventRangeQuery(baseParams(scope), BASE);
}

async function eventRangeQuery(params: unknown[], where: string): Promise<EventRange> {
  const { rows } = await pool().query<{ count: string; first: string | null; last: string | null }>(
    `SELECT count(*)::text AS count, min(e.seq)::text AS first, max(e.seq)::text AS last FROM events e WHERE ${where}`,
    params,
  );
  const row = rows[0];
  return { count: Number(row?.count ?? 0), firstSeq: row?.first ?? null, lastSeq: row?.last ?? null };
}

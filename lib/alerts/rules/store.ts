import { auditRuleChange } from "../../audit/rules";
import { pool } from "../../db";
import { diffRuleSets, isEmptyDiff, type RuleSetDiff } from "./diff";
import { EMPTY_RULE_SET, type RuleSet, ruleSetSchema } from "./schema";

// A tenant's alert rules are the newest row of alert_rule_versions. Every change, from the UI,
// the API or a restore, appends a whole new version with who applied it and the diff; nothing
// is updated in place, so any version can be shown and restored. Applying a document equal to
// the one in force creates no version, so CI can apply the same file on every deploy.
// Each new version by a person or an API token is also an x-attest.rules.changed event in the
// tenant's own audit trail (lib/audit/rules.ts); seeds and benchmarks (system:*) are not.

export type RuleSource = "ui" | "api" | "restore";
export type RuleSetVersion = {
  version: number;
  createdAt: Date;
  actor: string;
  source: RuleSource;
  message: string | null;
  ruleSet: RuleSet;
  diff: RuleSetDiff;
};
export type CurrentRuleSet = { version: number; ruleSet: RuleSet };
export type ApplyResult = { version: number; previousVersion: number; changed: boolean; diff: RuleSetDiff };

export class RuleVersionConflict extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the rule set is at version ${actual}, not ${expected}`);
  }
}

type Row = {
  version: number;
  created_at: Date;
  actor: string;
  source: RuleSource;
  message: string | null;
  document: unknown;
  diff: RuleSetDiff;
};

function toVersion(row: Row): RuleSetVersion {
  return {
    version: row.version,
    createdAt: row.created_at,
    actor: row.actor,
    source: row.source,
    message: row.message,
    ruleSet: ruleSetSchema.parse(row.document),
    diff: row.diff,
  };
}

export async function currentRuleSet(tenantId: string): Promise<CurrentRuleSet> {
  const { rows } = await pool().query<Row>(
    "SELECT * FROM alert_rule_versions WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1",
    [tenantId],
  );
  const row = rows[0];
  return row
    ? { version: row.version, ruleSet: ruleSetSchema.parse(row.document) }
    : { version: 0, ruleSet: EMPTY_RULE_SET };
}

export type ApplyOptions = {
  actor: string;
  source: RuleSource;
  message?: string;
  /** Only apply when the rule set in force is this version (optimistic concurrency, If-Match). */
  expectedVersion?: number;
  /** Compute the diff against the version in force and store nothing. */
  dryRun?: boolean;
};

/** Applies a validated rule set as the tenant's new version (or, with dryRun, only diffs it). */
export async function applyRuleSet(tenantId: string, ruleSet: RuleSet, options: ApplyOptions): Promise<ApplyResult> {
  const client = await pool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    // One writer per tenant at a time; readers and ingest are never blocked.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('attest:alert-rules:' || $1, 0))", [tenantId]);
    const { rows } = await client.query<Row>(
      "SELECT * FROM alert_rule_versions WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1",
      [tenantId],
    );
    const current = rows[0] ? toVersion(rows[0]) : undefined;
    const previousVersion = current?.version ?? 0;
    if (options.expectedVersion !== undefined && options.expectedVersion !== previousVersion)
      throw new RuleVersionConflict(options.expectedVersion, previousVersion);
    const diff = diffRuleSets(current?.ruleSet ?? EMPTY_RULE_SET, ruleSet);
    const changed = !isEmptyDiff(diff);
    if (options.dryRun || !changed) {
      await client.query("ROLLBACK");
      return { version: previousVersion, previousVersion, changed, diff };
    }
    await client.query(
      `INSERT INTO alert_rule_versions (tenant_id, version, actor, source, message, document, diff)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, previousVersion + 1, options.actor, options.source, options.message ?? null, ruleSet, diff],
    );
    await client.query("COMMIT");
    const version = previousVersion + 1;
    await auditRuleChange(tenantId, { version, previousVersion, diff, actor: options.actor, source: options.source });
    return { version, previousVersion, changed, diff };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Version history, newest first (documents included: a rule set is small). */
export async function ruleSetVersions(tenantId: string, limit = 100): Promise<RuleSetVersion[]> {
  const { rows } = await pool().query<Row>(
    "SELECT * FROM alert_rule_versions WHERE tenant_id = $1 ORDER BY version DESC LIMIT $2",
    [tenantId, limit],
  );
  return rows.map(toVersion);
}

export async function ruleSetVersion(tenantId: string, version: number): Promise<RuleSetVersion | null> {
  const { rows } = await pool().query<Row>("SELECT * FROM alert_rule_versions WHERE tenant_id = $1 AND version = $2", [
    tenantId,
    version,
  ]);
  return rows[0] ? toVersion(rows[0]) : null;
}

/** Makes an old version the rule set in force again, as a new version. Null when it does not exist. */
export async function restoreRuleSetVersion(
  tenantId: string,
  version: number,
  actor: string,
): Promise<ApplyResult | null> {
  const old = await ruleSetVersion(tenantId, version);
  if (!old) return null;
  return applyRuleSet(tenantId, old.ruleSet, { actor, source: "restore", message: `restored version ${version}` });
}

import { z } from "zod";
import { pool } from "../../db";
import { DESTINATION_FORMATS, type DestinationFormat } from "./payload";
import { masterKey, newSalt, signingSecret } from "./secret";

// Webhook destinations of a tenant. Rules name them in `notify`; only the salt is stored, the
// signing secret is derived (secret.ts) and handed out once, on create and on rotate.

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** https anywhere; plain http only to this machine, and only outside production. */
export function destinationUrlProblem(
  value: string,
  production = process.env.NODE_ENV === "production",
): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password) return "must not contain credentials";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && !production && LOCAL_HOSTS.has(url.hostname)) return null;
  return production ? "must use https" : "must use https (http only to 127.0.0.1 or localhost outside production)";
}

export const destinationInput = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, "use lowercase letters, digits, dots, dashes and underscores"),
  url: z
    .string()
    .trim()
    .max(2000)
    .superRefine((value, ctx) => {
      const problem = destinationUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  format: z.enum(DESTINATION_FORMATS).default("json"),
});
export type DestinationInput = z.infer<typeof destinationInput>;

export type Destination = {
  id: string;
  tenantId: string;
  name: string;
  url: string;
  format: DestinationFormat;
  salt: string;
  disabledAt: Date | null;
};

export type DestinationView = {
  id: string;
  name: string;
  url: string;
  format: DestinationFormat;
  createdBy: string;
  createdAt: string;
  disabledAt: string | null;
};

type Row = {
  id: string;
  tenant_id: string;
  name: string;
  url: string;
  format: DestinationFormat;
  salt: string;
  created_by: string;
  created_at: Date;
  disabled_at: Date | null;
};

const toView = (r: Row): DestinationView => ({
  id: r.id,
  name: r.name,
  url: r.url,
  format: r.format,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  disabledAt: r.disabled_at?.toISOString() ?? null,
});

const toDestination = (r: Row): Destination => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  url: r.url,
  format: r.format,
  salt: r.salt,
  disabledAt: r.disabled_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DestinationNameTaken extends Error {}

export async function listDestinations(tenantId: string): Promise<DestinationView[]> {
  const { rows } = await pool().query<Row>(
    "SELECT * FROM notification_destinations WHERE tenant_id = $1 ORDER BY disabled_at IS NOT NULL, name",
    [tenantId],
  );
  return rows.map(toView);
}

/** The destination with `id` in this tenant (disabled ones too); null for another tenant's id. */
export async function findDestination(tenantId: string, id: string): Promise<Destination | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await pool().query<Row>("SELECT * FROM notification_destinations WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    id,
  ]);
  return rows[0] ? toDestination(rows[0]) : null;
}

export type CreatedDestination = { destination: DestinationView; secret: string };

export async function createDestination(
  tenantId: string,
  input: DestinationInput & { createdBy: string },
): Promise<CreatedDestination> {
  // Fails before anything is stored when the server cannot sign (no ATTEST_SECRET_KEY in production).
  masterKey();
  try {
    const { rows } = await pool().query<Row>(
      `INSERT INTO notification_destinations (id, tenant_id, name, url, format, salt, created_by)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6) RETURNING *`,
      [tenantId, input.name, input.url, input.format, newSalt(), input.createdBy],
    );
    const row = rows[0] as Row;
    return { destination: toView(row), secret: signingSecret(row) };
  } catch (error) {
    if ((error as { code?: string }).code === "23505") throw new DestinationNameTaken(input.name);
    throw error;
  }
}

/** A new salt, so the old secret stops verifying at once; null when not found or disabled. */
export async function rotateDestinationSecret(tenantId: string, id: string): Promise<CreatedDestination | null> {
  if (!UUID.test(id)) return null;
  masterKey();
  const { rows } = await pool().query<Row>(
    `UPDATE notification_destinations SET salt = $3
     WHERE tenant_id = $1 AND id = $2 AND disabled_at IS NULL RETURNING *`,
    [tenantId, id, newSalt()],
  );
  const row = rows[0];
  return row ? { destination: toView(row), secret: signingSecret(row) } : null;
}

/** Disables (never deletes: the delivery log keeps pointing at it); idempotent. */
export async function disableDestination(tenantId: string, id: string): Promise<DestinationView | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await pool().query<Row>(
    `UPDATE notification_destinations SET disabled_at = COALESCE(disabled_at, now())
     WHERE tenant_id = $1 AND id = $2 RETURNING *`,
    [tenantId, id],
  );
  return rows[0] ? toView(rows[0]) : null;
}

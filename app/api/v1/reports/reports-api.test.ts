import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stopBoss } from "@/lib/alerts/notify/boss";
import type { Role } from "@/lib/auth/roles";
import type { AuthContext } from "@/lib/auth/session";
import { disconnectDb, pool } from "@/lib/db";
import { PERIOD, runToEnd, useTempExportDir } from "@/lib/exports/testing";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { GET as FILE } from "./[id]/files/[name]/route";
import { GET as DETAIL } from "./[id]/route";
import { GET as LIST, POST } from "./route";

// The report routes in-process with real Postgres; only "who is signed in" is stubbed (the
// session cookie is next-auth's business; e2e/roles.spec.ts covers it with real sign-ins).
const session = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getAuthContext: async () => session.current,
}));

type Tenant = { id: string; slug: string; name: string };
let root: string;
let a: Tenant;
let b: Tenant;

function as(tenant: Tenant | null, role: Role = "auditor") {
  session.current = tenant
    ? ({
        user: { id: "u", email: `${role}@${tenant.slug}.test`, name: null },
        tenant,
        role,
        tenants: [{ ...tenant, role }],
      } satisfies AuthContext)
    : null;
}

const url = "http://attest.test/api/v1/reports";
const post = (body: unknown) =>
  POST(
    new Request(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  );
const detail = (id: string) => DETAIL(new Request(`${url}/${id}`), { params: Promise.resolve({ id }) });
const file = (id: string, name: string) =>
  FILE(new Request(`${url}/${id}/files/${name}`), { params: Promise.resolve({ id, name }) });

beforeAll(async () => {
  root = await useTempExportDir();
  a = (await tenantWithKey("rep-a")).tenant;
  b = (await tenantWithKey("rep-b")).tenant;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await stopBoss();
  await disconnectDb();
});

describe("/api/v1/reports", () => {
  it("admits admins and auditors only", async () => {
    as(null);
    expect((await LIST(new Request(url))).status).toBe(401);
    for (const role of ["viewer", "analyst"] as const) {
      as(a, role);
      expect((await LIST(new Request(url))).status).toBe(403);
      expect((await post({ framework: "pci", ...PERIOD, formats: ["pdf"] })).status).toBe(403);
    }
    as(a, "admin");
    expect((await LIST(new Request(url))).status).toBe(200);
    const { rows } = await pool().query("SELECT 1 FROM report_exports WHERE tenant_id = $1", [a.id]);
    expect(rows).toHaveLength(0);
  });

  it("queues, reports progress, serves files as attachments, and hides all of it from other tenants", async () => {
    as(a, "auditor");
    const bad = await post({ framework: "pci", ...PERIOD, formats: [] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("formats");

    const created = await post({ framework: "pci", ...PERIOD, formats: ["pdf", "csv"] });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    // Not finished yet, so no files (a worker of another test file may already be running it).
    expect(["queued", "running"]).toContain((await (await detail(id)).json()).status);
    expect((await file(id, "report.pdf")).status).toBe(409);

    await runToEnd(a.id, id);
    const finished = await (await detail(id)).json();
    expect(finished).toMatchObject({ id, status: "done", framework: "pci", formats: ["pdf", "csv"] });
    expect(finished.files.map((f: { name: string }) => f.name)).toEqual(["report.pdf", "report.csv"]);
    expect(finished.manifest.signature).toEqual(expect.any(String));
    const listed = (await (await LIST(new Request(url))).json()).exports as { id: string }[];
    expect(listed.map((e) => e.id)).toContain(id);

    const pdf = await file(id, "report.pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-disposition")).toBe('attachment; filename="report.pdf"');
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const onDisk = await readFile(path.join(root, a.id, id, "report.pdf"));
    expect(Buffer.from(await pdf.arrayBuffer()).equals(onDisk)).toBe(true);
    expect((await file(id, "manifest.json")).status).toBe(200);
    // Not in this export's manifest, not an export file name at all, or not a UUID.
    expect((await file(id, "report.json")).status).toBe(404);
    expect((await file(id, "../../../etc/passwd")).status).toBe(404);
    expect((await detail("not-a-uuid")).status).toBe(404);

    const { rows } = await pool().query<{ type: string; actor: string }>(
      `SELECT type, data->'actor'->>'id' AS actor FROM events
        WHERE tenant_id = $1 AND type LIKE 'x-attest.export.%' ORDER BY seq`,
      [a.id],
    );
    expect(rows.map((r) => r.type)).toEqual([
      "x-attest.export.requested",
      "x-attest.export.completed",
      "x-attest.export.downloaded",
      "x-attest.export.downloaded",
    ]);
    expect(rows[0]?.actor).toBe(`auditor@${a.slug}.test`);

    // Tenant B's auditor: A's export does not exist for them.
    as(b, "auditor");
    expect((await detail(id)).status).toBe(404);
    expect((await file(id, "report.pdf")).status).toBe(404);
    expect((await file(id, "manifest.json")).status).toBe(404);
    expect(((await (await LIST(new Request(url))).json()).exports as unknown[]).length).toBe(0);
  });
});

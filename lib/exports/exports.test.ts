import { generateKeyPairSync } from "node:crypto";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopBoss } from "../alerts/notify/boss";
import { disconnectDb, pool, prisma } from "../db";
import { activeSigningKey } from "../integrity/keys";
import { verifyCheckpoint } from "../integrity/statement";
import { tenantWithKey } from "../testing/fixtures";
import { MANIFEST_NAME } from "./files";
import { type Manifest, verifyExport } from "./manifest";
import { requestExport } from "./request";
import { EXPORT_LOCK_NAMESPACE, failInterruptedExports, INTERRUPTED_MESSAGE } from "./store";
import { copyOf, finishedExport, flipOneByte, PERIOD, useTempExportDir } from "./testing";

// An export job end to end on a small seeded tenant, in-process: files and a signed manifest
// are written and verify offline; each kind of tampering is caught and named.

let exportRoot: string;
let publicKeyPem: string;
let done: Awaited<ReturnType<typeof finishedExport>>;

beforeAll(async () => {
  exportRoot = await useTempExportDir();
  publicKeyPem = (await activeSigningKey()).publicKeyPem;
  done = await finishedExport();
});

afterAll(async () => {
  await rm(exportRoot, { recursive: true, force: true });
  await stopBoss();
  await disconnectDb();
});

async function auditTypes(tenantId: string): Promise<string[]> {
  const { rows } = await pool().query<{ type: string }>(
    "SELECT type FROM events WHERE tenant_id = $1 AND type LIKE 'x-attest.export.%' ORDER BY seq",
    [tenantId],
  );
  return rows.map((r) => r.type);
}

describe("an export job", () => {
  it("writes the files and a signed manifest that verifies offline, and records itself", async () => {
    const row = await prisma.reportExport.findFirstOrThrow({ where: { id: done.id } });
    expect(row.error).toBeNull();
    expect(row.status).toBe("done");
    const manifest = JSON.parse(await readFile(path.join(done.folder, MANIFEST_NAME), "utf8")) as Manifest;
    expect(row.manifest).toEqual(manifest);
    expect(manifest.files.map((f) => f.name).sort()).toEqual([
      "events.ndjson",
      "report.csv",
      "report.json",
      "report.pdf",
    ]);
    for (const file of manifest.files) expect((await stat(path.join(done.folder, file.name))).size).toBe(file.bytes);
    expect(manifest.tenant).toEqual({ id: done.tenant.id, slug: done.tenant.slug, name: done.tenant.name });
    // The two refund examples, and the export's own x-attest.export.requested (sent "now", which
    // lies inside the period): the dashboard's audit trail is evidence like any other event.
    expect(manifest.eventRange.count).toBe(11);
    expect(manifest.integrity.status).toBe("ok");
    // A signed head covers the last event of the range.
    const top = manifest.checkpoints.at(-1);
    expect(BigInt(top?.seq ?? "0")).toBeGreaterThanOrEqual(BigInt(manifest.eventRange.lastSeq ?? "1"));
    expect(manifest.checkpoints.every((c) => verifyCheckpoint(c, publicKeyPem))).toBe(true);

    const result = await verifyExport(done.folder, { publicKeyPem });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.filesChecked).toBe(4);
    expect(result.checkpointsChecked).toBeGreaterThan(0);
    // A file inside the folder or the manifest itself points at the same export.
    expect((await verifyExport(path.join(done.folder, "report.pdf"), { publicKeyPem })).ok).toBe(true);

    // Without a pinned key it still verifies, with a warning that anyone could have signed it.
    const unpinned = await verifyExport(done.folder);
    expect(unpinned.ok).toBe(true);
    expect(unpinned.warnings.join("\n")).toContain("anyone could have made this export");

    expect(await auditTypes(done.tenant.id)).toEqual(["x-attest.export.requested", "x-attest.export.completed"]);
    const { rows } = await pool().query<{ data: { attributes: { manifestSha256: string } } }>(
      "SELECT data FROM events WHERE tenant_id = $1 AND type = 'x-attest.export.completed'",
      [done.tenant.id],
    );
    const { sha256Hex } = await import("../integrity/canonical");
    expect(rows[0]?.data.attributes.manifestSha256).toBe(
      sha256Hex(await readFile(path.join(done.folder, MANIFEST_NAME))),
    );
  });

  it.each(["report.pdf", "report.csv", "report.json", "events.ndjson"])(
    "fails naming %s when one of its bytes changes",
    async (name) => {
      const copy = await copyOf(done.folder);
      await flipOneByte(path.join(copy, name));
      const result = await verifyExport(copy, { publicKeyPem });
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([`${name}: its SHA-256 differs from the manifest's: the file was changed`]);
    },
  );

  it("fails when the manifest is edited, another key is pinned, or a file is missing; warns on extra files", async () => {
    const edited = await copyOf(done.folder);
    const manifestPath = path.join(edited, MANIFEST_NAME);
    const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Manifest;
    await writeFile(manifestPath, JSON.stringify({ ...manifest, evidenceCount: manifest.evidenceCount + 1 }));
    const editedResult = await verifyExport(edited, { publicKeyPem });
    expect(editedResult.ok).toBe(false);
    expect(editedResult.problems.join("\n")).toContain("manifest.json: the signature does not verify");

    // A field the verifier does not know about is still covered by the signature.
    await writeFile(manifestPath, JSON.stringify({ ...manifest, note: "added later" }));
    expect((await verifyExport(edited, { publicKeyPem })).ok).toBe(false);

    const other = generateKeyPairSync("ed25519").publicKey.export({ format: "pem", type: "spki" }).toString();
    const wrongKey = await verifyExport(done.folder, { publicKeyPem: other });
    expect(wrongKey.ok).toBe(false);
    expect(wrongKey.problems.join("\n")).toContain("not the pinned public key");

    const missing = await copyOf(done.folder);
    await rm(path.join(missing, "report.csv"));
    await writeFile(path.join(missing, "notes.txt"), "mine");
    const missingResult = await verifyExport(missing, { publicKeyPem });
    expect(missingResult.problems).toEqual(["report.csv is missing"]);
    expect(missingResult.warnings.join("\n")).toContain("notes.txt is in the folder but not in the manifest");
  });

  it("names a checkpoint whose head was changed, and a range no checkpoint covers", async () => {
    const copy = await copyOf(done.folder);
    const manifestPath = path.join(copy, MANIFEST_NAME);
    const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Manifest;
    const last = manifest.checkpoints.at(-1) as Manifest["checkpoints"][number];
    last.chainHead = "0".repeat(64);
    manifest.integrity.checkpoint = null;
    manifest.checkpoints = [last];
    await writeFile(manifestPath, JSON.stringify(manifest));
    const result = await verifyExport(copy, { publicKeyPem });
    expect(result.problems).toEqual([
      "manifest.json: the signature does not verify (the manifest was edited, or another key signed it)",
      `checkpoint at seq ${last.seq}: its signature does not verify (it was altered or not signed by this key)`,
      `no valid signed checkpoint covers the event range up to seq ${manifest.eventRange.lastSeq}`,
    ]);
  });

  it("refuses a manifest that names a path outside the fixed file names", async () => {
    const copy = await copyOf(done.folder);
    const manifestPath = path.join(copy, MANIFEST_NAME);
    const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Manifest;
    manifest.files.push({ name: "../../etc/passwd" as never, bytes: 1, sha256: "00" });
    await writeFile(manifestPath, JSON.stringify(manifest));
    const result = await verifyExport(copy, { publicKeyPem });
    expect(result.problems.join("\n")).toContain('unexpected file name "../../etc/passwd"');
  });
});

describe("requesting an export", () => {
  it("validates the framework, period and formats", async () => {
    const { tenant } = await tenantWithKey("export-bad");
    const actor = { email: "a@example.com" };
    const bad = [
      { framework: "iso27001", ...PERIOD, formats: ["pdf"] },
      { framework: "pci", from: PERIOD.to, to: PERIOD.from, formats: ["pdf"] },
      { framework: "pci", from: "2025-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", formats: ["pdf"] },
      { framework: "pci", ...PERIOD, formats: [] },
      { framework: "pci", ...PERIOD, formats: ["docx"] },
    ];
    for (const input of bad) await expect(requestExport(tenant.id, actor, input)).rejects.toThrow();
    expect(await prisma.reportExport.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("marks a running export whose worker is gone as interrupted, and leaves a held one alone", async () => {
    const { tenant } = await tenantWithKey("export-gone");
    const base = {
      tenantId: tenant.id,
      framework: "pci",
      periodFrom: new Date(PERIOD.from),
      periodTo: new Date(PERIOD.to),
    };
    const orphan = await prisma.reportExport.create({
      data: { ...base, formats: ["pdf"], status: "running", requestedBy: "a@example.com" },
    });
    const held = await prisma.reportExport.create({
      data: { ...base, formats: ["pdf"], status: "running", requestedBy: "a@example.com" },
    });
    const holder = await pool().connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1, hashtext($2))", [EXPORT_LOCK_NAMESPACE, held.id]);
      expect(await failInterruptedExports(tenant.id)).toEqual([orphan.id]);
      const rows = await prisma.reportExport.findMany({
        where: { tenantId: tenant.id },
        orderBy: { createdAt: "asc" },
      });
      expect(rows.map((r) => [r.id, r.status, r.error])).toEqual([
        [orphan.id, "failed", INTERRUPTED_MESSAGE],
        [held.id, "running", null],
      ]);
    } finally {
      await holder.query("SELECT pg_advisory_unlock_all()");
      holder.release();
    }
  });
});

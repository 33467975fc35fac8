import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prisma } from "../db";
import { postEvents, refundExample, tenantWithKey } from "../testing/fixtures";
import { runExport } from "./job";
import { requestExport } from "./request";

// Test helpers: a small seeded tenant with one finished export, and copies of its folder to
// tamper with. Exports are written under a temporary ATTEST_EXPORT_DIR.

export const PERIOD = { from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" };

export async function useTempExportDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "attest-exports-"));
  process.env.ATTEST_EXPORT_DIR = dir;
  return dir;
}

/** A tenant with the contract's refund example (twice), and a finished export of it. */
export async function finishedExport(formats: string[] = ["pdf", "csv", "json"], framework = "pci") {
  const { tenant, key } = await tenantWithKey("export");
  for (let i = 0; i < 2; i++) {
    const sent = await postEvents(key, refundExample());
    if (sent.status !== 200) throw new Error(`seeding failed: ${JSON.stringify(sent.body)}`);
  }
  const { id } = await requestExport(
    tenant.id,
    { email: "auditor@example.com", name: "Aud" },
    {
      framework,
      ...PERIOD,
      formats,
    },
  );
  await runToEnd(tenant.id, id);
  return { tenant, key, id, folder: path.join(process.env.ATTEST_EXPORT_DIR as string, tenant.id, id) };
}

/**
 * Runs the export here, then waits for it to end: an alert worker started by another test file
 * in the same database also works the export queue and may have claimed it first.
 */
export async function runToEnd(tenantId: string, exportId: string): Promise<void> {
  await runExport(tenantId, exportId);
  for (let i = 0; i < 600; i++) {
    const row = await prisma.reportExport.findFirstOrThrow({ where: { tenantId, id: exportId } });
    if (row.status === "done" || row.status === "failed") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`export ${exportId} did not finish`);
}

/** A copy of an export folder, for one tampering. */
export async function copyOf(folder: string): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), "attest-export-copy-"));
  await cp(folder, copy, { recursive: true });
  return copy;
}

/** Flips one bit of one byte in the middle of a file. */
export async function flipOneByte(file: string): Promise<void> {
  const bytes = await readFile(file);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] as number) ^ 0x01;
  await writeFile(file, bytes);
}

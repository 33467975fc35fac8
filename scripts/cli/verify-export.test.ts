import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "../../lib/db";
import { describeFiles, manifestText, signManifest } from "../../lib/exports/manifest";
import { flipOneByte } from "../../lib/exports/testing";
import { activeSigningKey } from "../../lib/integrity/keys";
import { attestWithEnv } from "./run-attest";

// `attest verify-export` as a child process WITHOUT DATABASE_URL (it is offline): exit 0 for
// an intact export, 1 naming the problem, 2 for a bad invocation.

let folder: string;
let keyFile: string;
const { DATABASE_URL: _unused, ...offline } = process.env;
const run = (...args: string[]) => attestWithEnv(offline, "verify-export", ...args);

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "attest-verify-cli-"));
  await writeFile(path.join(folder, "report.csv"), "seq,type\n1,mcp.tool.called\n");
  await writeFile(path.join(folder, "report.json"), '{"framework":"pci"}\n');
  const key = await activeSigningKey();
  keyFile = path.join(await mkdtemp(path.join(tmpdir(), "attest-key-")), "public.pem");
  await writeFile(keyFile, key.publicKeyPem);
  const manifest = await signManifest({
    version: 1,
    type: "attest.export-manifest",
    exportId: "00000000-0000-4000-8000-000000000001",
    tenant: { id: "00000000-0000-4000-8000-000000000002", slug: "cli", name: "CLI" },
    framework: "pci",
    period: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
    generatedAt: "2026-11-28T10:00:00.000Z",
    generatedBy: "auditor@example.com",
    eventRange: { count: 0, firstSeq: null, lastSeq: null },
    evidenceCount: 0,
    integrity: { status: "not_verified", verifiedAt: null, eventsChecked: 0, findings: [], checkpoint: null },
    checkpoints: [],
    files: await describeFiles(folder, ["report.csv", "report.json"]),
  });
  await writeFile(path.join(folder, "manifest.json"), manifestText(manifest));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await disconnectDb();
});

describe("attest verify-export", () => {
  it("exits 0 for an intact export, with the pinned key, and in --json", async () => {
    const ok = await run(folder, "--public-key", keyFile);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("OK: export 00000000-0000-4000-8000-000000000001");
    expect(ok.stdout).toContain("2 file(s)");
    const json = await run(path.join(folder, "manifest.json"), "--public-key", keyFile, "--json");
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, problems: [], pinnedKey: true, filesChecked: 2 });
    const unpinned = await run(folder);
    expect(unpinned.code).toBe(0);
    expect(unpinned.stdout).toContain("warning: no public key was pinned");
  });

  it("exits 1 naming the changed file, and 2 for a bad invocation", async () => {
    const original = await readFile(path.join(folder, "report.csv"));
    await flipOneByte(path.join(folder, "report.csv"));
    try {
      const changed = await run(folder, "--public-key", keyFile);
      expect(changed.code).toBe(1);
      expect(changed.stderr).toContain("FAILED: report.csv: its SHA-256 differs");
      const json = await run(folder, "--json");
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).problems).toEqual([
        "report.csv: its SHA-256 differs from the manifest's: the file was changed",
      ]);
    } finally {
      await writeFile(path.join(folder, "report.csv"), original);
    }
    expect((await run()).code).toBe(2);
    expect((await run(path.join(folder, "nope"))).code).toBe(2);
    expect((await run(folder, "--public-key", path.join(folder, "missing.pem"))).code).toBe(2);
    expect((await run(folder, "--bogus")).code).toBe(2);
  });

  it("exits 1 for authentic files whose export found the stored events tampered with", async () => {
    const manifest = JSON.parse(await readFile(path.join(folder, "manifest.json"), "utf8"));
    const { signature: _old, ...unsigned } = manifest;
    const failed = await signManifest({
      ...unsigned,
      integrity: { ...unsigned.integrity, status: "failed", findings: [{ kind: "modified", seq: "7", detail: "x" }] },
    });
    const tampered = await mkdtemp(path.join(tmpdir(), "attest-verify-failed-"));
    try {
      for (const name of ["report.csv", "report.json"]) {
        await writeFile(path.join(tampered, name), await readFile(path.join(folder, name)));
      }
      await writeFile(path.join(tampered, "manifest.json"), manifestText(failed));
      const out = await run(tampered, "--public-key", keyFile);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain("Attest found the stored events tampered with");
    } finally {
      await rm(tampered, { recursive: true, force: true });
    }
  });
});

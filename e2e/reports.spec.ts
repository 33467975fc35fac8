import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInApi } from "./fixtures";

// Issue 6's export path with a real worker process (`npm run worker`'s script) beside the app:
// an auditor generates a PCI DSS report for a date range, watches its progress, downloads the
// PDF, the CSV and the signed manifest through the UI plus the public key, and `attest
// verify-export` accepts the folder offline. A viewer cannot export. The request is in the
// explorer as a self-audit event. The PDF's first pages are rendered as artifacts.

const databaseUrl = (process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL) as string;
const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules/.bin/tsx");
let worker: ChildProcess | undefined;

test.beforeAll(() => {
  worker = spawn(tsx, ["scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
});

test.afterAll(() => {
  worker?.kill("SIGTERM");
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("an auditor exports a PCI DSS report, downloads it and verifies it offline", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await signInApi(page.request, "auditor");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Compliance reports" })).toBeVisible();

  await page.getByRole("radio", { name: /PCI DSS/ }).check();
  await page.getByLabel("From", { exact: true }).fill(day(-6));
  await page.getByLabel("To", { exact: true }).fill(day(0));
  await page.getByRole("checkbox", { name: /^PDF/ }).check();
  await page.getByRole("checkbox", { name: /^CSV/ }).check();
  await page.getByRole("checkbox", { name: /^JSON/ }).uncheck();
  const [posted] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/v1/reports") && r.request().method() === "POST"),
    page.getByRole("button", { name: "Generate report" }).click(),
  ]);
  expect(posted.status()).toBe(202);
  const { id } = (await posted.json()) as { id: string };

  // Queued or running, it shows a progress bar; then "Ready" with its files.
  const row = page.locator(`[data-export-id="${id}"]`);
  await expect(row.getByRole("progressbar")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("reports-in-progress.png"), fullPage: true });
  await expect(row.getByText("Ready", { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(row.getByRole("progressbar")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("reports-ready.png"), fullPage: true });

  const folder = mkdtempSync(path.join(tmpdir(), "attest-e2e-export-"));
  for (const name of ["report.pdf", "report.csv", "manifest.json"]) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("link", { name: new RegExp(`^${name.replace(".", "\\.")}`) }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(name);
    await download.saveAs(path.join(folder, name));
  }
  expect(readdirSync(folder).sort()).toEqual(["manifest.json", "report.csv", "report.pdf"]);
  const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "attest-e2e-key-")), "attest-public-key.pem");
  const [keyDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "public key (PEM)" }).click(),
  ]);
  await keyDownload.saveAs(keyFile);

  // Offline, as an auditor would: no DATABASE_URL.
  const { DATABASE_URL: _unused, ...offline } = process.env;
  const verified = spawnSync(tsx, ["scripts/attest.ts", "verify-export", folder, "--public-key", keyFile], {
    cwd: root,
    env: offline,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(verified.status, `${verified.stdout}\n${verified.stderr}`).toBe(0);
  expect(verified.stdout).toContain(`OK: export ${id} (pci`);

  // The PDF's first pages, as PNG artifacts of this run.
  const prefix = testInfo.outputPath("report-page");
  const rendered = spawnSync("pdftoppm", [
    "-png",
    "-r",
    "80",
    "-f",
    "1",
    "-l",
    "2",
    path.join(folder, "report.pdf"),
    prefix,
  ]);
  expect(rendered.status, String(rendered.stderr)).toBe(0);
  for (const png of readdirSync(path.dirname(prefix)).filter((f) => f.startsWith("report-page"))) {
    await testInfo.attach(png, { path: path.join(path.dirname(prefix), png), contentType: "image/png" });
  }

  // The request is in the tenant's own audit trail, visible to the auditor in the explorer.
  await page.goto("/events?type=x-attest.export.requested");
  const audit = page
    .getByRole("grid", { name: "Events" })
    .locator("tbody tr[data-event-id]")
    .filter({ has: page.locator(`td[title="${id}"]`) });
  await expect(audit).toHaveCount(1);
  await expect(audit).toContainText("x-attest.export.requested");
});

test("a viewer cannot export: 403 page, 403 from the API, no nav entry", async ({ page }) => {
  await signInApi(page.request, "viewer");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  const refused = await page.request.post("/api/v1/reports", {
    data: { framework: "pci", from: `${day(-6)}T00:00:00Z`, to: `${day(1)}T00:00:00Z`, formats: ["pdf"] },
  });
  expect(refused.status()).toBe(403);
  await page.goto("/overview");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" })).toHaveCount(0);
});

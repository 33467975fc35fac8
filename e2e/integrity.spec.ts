import { expect, request, test } from "@playwright/test";
import { signIn, signInApi } from "./fixtures";

// Integrity in the browser: an auditor verifies the demo tenant's chain and sees it clean, the
// overview shows that verification, a viewer can look but not verify, and the public key is
// downloadable without signing in.

test("an auditor verifies the chain from /integrity and the overview shows the result", async ({ page }) => {
  await signIn(page, "auditor");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrity" }).click();
  await expect(page).toHaveURL(/\/integrity$/);
  await expect(page.getByRole("heading", { name: "Integrity", level: 1 })).toBeVisible();

  const verify = page.getByRole("button", { name: "Verify now" });
  await verify.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Verify now" })).toBeEnabled({ timeout: 30_000 });
  const newest = page.getByTestId("verification-row").first();
  await expect(newest.getByTestId("verdict")).toHaveText("OK");
  await expect(newest).toContainText("no tampering found");
  await expect(newest).toContainText("user:");
  await page.screenshot({ path: "test-results/screenshots/integrity.png", fullPage: true });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  const card = page.getByTestId("integrity-card");
  await expect(card).toContainText("last verified");
  await expect(card.getByTestId("integrity-card-verdict")).toHaveText("OK");
  await card.click();
  await expect(page).toHaveURL(/\/integrity$/);
});

test("a viewer sees the integrity page without a verify button and cannot verify through the API", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/integrity");
  await expect(page.getByRole("heading", { name: "Integrity", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download public key (PEM)" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Verify now" })).toHaveCount(0);
  const refused = await page.request.get("/api/v1/integrity/verify");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
});

test("the public key is public; verification needs a session", async ({ baseURL }) => {
  const anonymous = await request.newContext({ baseURL });
  const pem = await anonymous.get("/api/v1/integrity/public-key?format=pem");
  expect(pem.status()).toBe(200);
  expect(pem.headers()["content-type"]).toContain("application/x-pem-file");
  expect(await pem.text()).toContain("-----BEGIN PUBLIC KEY-----");
  expect((await anonymous.get("/api/v1/integrity/verify")).status()).toBe(401);
  const admin = await request.newContext({ baseURL });
  await signInApi(admin, "admin");
  const ok = await admin.get("/api/v1/integrity/verify?fromSeq=1&toSeq=100");
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ status: "ok", fromSeq: "1", toSeq: "100" });
});

import { expect, request, test } from "@playwright/test";
import { credentials, signInApi } from "./fixtures";

// API tokens for CI/CD in settings: an admin creates one, sees it once, finds it in the list by
// prefix, CI/CD reads the alert rules with it until it is revoked; a viewer is refused and
// another tenant's admin cannot touch it.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("an admin creates an API token in settings, sees it once, finds it by prefix and revokes it", async ({
  page,
  baseURL,
}) => {
  await signInApi(page.request, "admin");
  await page.goto("/settings/keys");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);

  const name = `e2e-token-${unique()}`;
  await page.getByLabel("Token name").fill(name);
  const scope = page.getByLabel("Alert rules: read and apply (rules:write)");
  await expect(scope).toBeChecked();
  await page.getByRole("button", { name: "Create token" }).click();

  const secret = page.getByRole("region", { name: "New API token" });
  await expect(secret).toContainText("cannot be shown again");
  await expect(secret).toContainText("Authorization: Bearer <token>");
  await expect(secret).toContainText("/api/v1/alert-rules");
  await expect(secret.getByRole("button", { name: "Copy" })).toBeVisible();
  const token = (await secret.getByTestId("one-time-secret").textContent()) ?? "";
  expect(token).toMatch(/^attest_api_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  const prefix = token.split("_").slice(0, 3).join("_");

  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText(prefix);
  await expect(row).toContainText("rules:write");
  await expect(row).toContainText(credentials("admin").email);
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText(token);
  await page.screenshot({ path: "test-results/screenshots/api-tokens.png", fullPage: true });

  // CI/CD, with no session, reads the rule set with it; the list then shows it as used.
  const ci = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const exported = await ci.get("/api/v1/alert-rules");
  expect(exported.status(), await exported.text()).toBe(200);

  // Dismissed, the token is gone from the page for good, and the API never lists it.
  await secret.getByRole("button", { name: "Done" }).click();
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(page.getByTestId("token-row").filter({ hasText: name })).not.toContainText("never");
  expect(await (await page.request.get("/api/v1/settings/tokens")).text()).not.toContain(token);

  await page.getByRole("button", { name: `Revoke ${prefix}` }).click();
  await page.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(page.getByTestId("token-row").filter({ hasText: name })).toContainText("Revoked");
  await page.reload();
  await expect(page.getByTestId("token-row").filter({ hasText: name })).toContainText("Revoked");
  await expect(page.getByRole("button", { name: `Revoke ${prefix}` })).toHaveCount(0);
  expect((await ci.get("/api/v1/alert-rules")).status()).toBe(401);
  await ci.dispose();
});

test("a token needs a known scope", async ({ baseURL }) => {
  const admin = await request.newContext({ baseURL });
  await signInApi(admin, "admin");
  for (const scopes of [[], ["rules:read"], undefined]) {
    const response = await admin.post("/api/v1/settings/tokens", { data: { name: `no-scope-${unique()}`, scopes } });
    expect(response.status(), JSON.stringify(scopes)).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  }
  await admin.dispose();
});

test("a viewer gets 403 from the tokens page and API; another tenant's admin gets 404", async ({ page, baseURL }) => {
  await signInApi(page.request, "viewer");
  expect((await page.goto("/settings/tokens"))?.status()).toBe(403);
  const listed = await page.request.get("/api/v1/settings/tokens");
  expect(listed.status()).toBe(403);
  expect(((await listed.json()) as { error: { code: string } }).error.code).toBe("forbidden");

  const demo = await request.newContext({ baseURL });
  await signInApi(demo, "admin");
  const created = await demo.post("/api/v1/settings/tokens", {
    data: { name: `isolation-${unique()}`, scopes: ["rules:write"] },
  });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: { prefix: string } };

  const rival = await request.newContext({ baseURL });
  await signInApi(rival, "rival");
  expect((await rival.delete(`/api/v1/settings/tokens/${token.prefix}`)).status()).toBe(404);
  const rivalTokens = (await (await rival.get("/api/v1/settings/tokens")).json()) as { tokens: { prefix: string }[] };
  expect(rivalTokens.tokens.map((t) => t.prefix)).not.toContain(token.prefix);
  const demoTokens = (await (await demo.get("/api/v1/settings/tokens")).json()) as {
    tokens: { prefix: string; revokedAt: string | null }[];
  };
  expect(demoTokens.tokens.find((t) => t.prefix === token.prefix)?.revokedAt).toBeNull();
  await Promise.all([demo.dispose(), rival.dispose()]);
});

import { expect, type Page, request, test } from "@playwright/test";
import { credentials, type E2eUser, sampleEvent, signInApi } from "./fixtures";

// Settings as an admin sees it (members, roles, ingest keys), what a viewer is refused, and
// that another tenant's admin cannot even confirm the demo tenant's objects exist. Sign-in goes
// through next-auth's endpoint on the page's own cookie jar (the form is covered by auth.spec.ts),
// so a slow argon2 check under a loaded machine does not time out a navigation.

async function signInPage(page: Page, user: E2eUser, path = "/overview") {
  await signInApi(page.request, user);
  await page.goto(path);
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("an admin adds a member with a one-time password, changes their role and removes them", async ({
  page,
  baseURL,
}) => {
  await signInPage(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

  const email = `new-${unique()}@e2e.attest.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("analyst");
  await page.getByRole("button", { name: "Add member" }).click();

  const secret = page.getByRole("region", { name: "One-time password" });
  await expect(secret).toContainText("cannot be shown again");
  const password = (await secret.getByTestId("one-time-secret").textContent()) ?? "";
  expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
  await expect(secret.getByRole("button", { name: "Copy" })).toBeVisible();

  const row = page.getByTestId("member-row").filter({ hasText: email });
  await expect(row).toBeVisible();
  const roleSelect = row.getByLabel(`Role of ${email}`);
  await expect(roleSelect).toHaveValue("analyst");

  // The password works, in a separate session.
  const newcomer = await request.newContext({ baseURL });
  await signInApi(newcomer, { email, password });
  expect((await newcomer.get("/api/v1/settings/keys")).status()).toBe(403);

  await page.screenshot({ path: "test-results/screenshots/settings.png", fullPage: true });

  const patched = page.waitForResponse(
    (r) => r.url().includes("/api/v1/settings/members/") && r.request().method() === "PATCH",
  );
  await roleSelect.selectOption("auditor");
  expect((await patched).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("member-row").filter({ hasText: email }).getByLabel(`Role of ${email}`)).toHaveValue(
    "auditor",
  );

  await page.getByRole("button", { name: `Remove ${email}` }).click();
  await page.getByRole("button", { name: "Confirm removal" }).click();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toHaveCount(0);
  // Removed from the tenant: signed in still, but with no tenant, so no access.
  expect((await newcomer.get("/api/v1/settings/members")).status()).toBe(403);
  await newcomer.dispose();
});

test("an admin creates an ingest key, sees it once, the collector accepts it until it is revoked", async ({ page }) => {
  await signInPage(page, "admin", "/settings/keys");
  const name = `e2e-key-${unique()}`;
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();

  const secret = page.getByRole("region", { name: "New ingest key" });
  await expect(secret).toContainText("cannot be shown again");
  const key = (await secret.getByTestId("one-time-secret").textContent()) ?? "";
  expect(key).toMatch(/^attest_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  const prefix = key.split("_").slice(0, 2).join("_");
  const row = page.getByTestId("key-row").filter({ hasText: name });
  await expect(row).toContainText(prefix);
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText(key);

  const send = () =>
    page.request.post("/api/v1/events", {
      headers: { authorization: `Bearer ${key}` },
      data: [sampleEvent("settings")],
    });
  const accepted = await send();
  expect(accepted.status(), await accepted.text()).toBe(200);

  // Dismissed, the key is gone from the page for good.
  await secret.getByRole("button", { name: "Done" }).click();
  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);

  await page.getByRole("button", { name: `Revoke ${prefix}` }).click();
  await page.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(page.getByTestId("key-row").filter({ hasText: name })).toContainText("Revoked");
  expect((await send()).status()).toBe(401);
});

test("a viewer has no Settings link, gets the 403 page and 403 from the settings API", async ({ page }) => {
  await signInPage(page, "viewer");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);

  const response = await page.goto("/settings");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  expect((await page.goto("/settings/keys"))?.status()).toBe(403);

  expect((await page.request.get("/api/v1/settings/keys")).status()).toBe(403);
  expect((await page.request.post("/api/v1/settings/keys", { data: { name: "nope" } })).status()).toBe(403);
});

test("another tenant's admin gets 404 for the demo tenant's keys and members", async ({ baseURL }) => {
  const demo = await request.newContext({ baseURL });
  await signInApi(demo, "admin");
  const created = await demo.post("/api/v1/settings/keys", { data: { name: `isolation-${unique()}` } });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: { prefix: string } };
  const members = (await (await demo.get("/api/v1/settings/members")).json()) as {
    members: { userId: string; email: string }[];
  };
  const demoAdmin = members.members.find((m) => m.email === credentials("admin").email);
  expect(demoAdmin).toBeDefined();

  const rival = await request.newContext({ baseURL });
  await signInApi(rival, "rival");
  expect((await rival.delete(`/api/v1/settings/keys/${key.prefix}`)).status()).toBe(404);
  expect(
    (await rival.patch(`/api/v1/settings/members/${demoAdmin?.userId}`, { data: { role: "viewer" } })).status(),
  ).toBe(404);
  expect((await rival.delete(`/api/v1/settings/members/${demoAdmin?.userId}`)).status()).toBe(404);
  const rivalKeys = (await (await rival.get("/api/v1/settings/keys")).json()) as { keys: { prefix: string }[] };
  expect(rivalKeys.keys.map((k) => k.prefix)).not.toContain(key.prefix);
  const rivalMembers = await (await rival.get("/api/v1/settings/members")).text();
  expect(rivalMembers).not.toContain(credentials("admin").email);

  // Untouched: the demo key still lists as active for its own tenant.
  const demoKeys = (await (await demo.get("/api/v1/settings/keys")).json()) as {
    keys: { prefix: string; revokedAt: string | null }[];
  };
  expect(demoKeys.keys.find((k) => k.prefix === key.prefix)?.revokedAt).toBeNull();
  // The rival's only admin cannot remove or demote themselves. (A re-used e2e database may hold
  // rival admins of earlier runs; npm test always starts from a fresh one.)
  const self = (await (await rival.get("/api/v1/settings/members")).json()) as {
    members: { userId: string; email: string; role: string }[];
  };
  test.skip(self.members.filter((m) => m.role === "admin").length !== 1, "rival has admins of earlier runs");
  const own = self.members.find((m) => m.email === credentials("rival").email)?.userId;
  const refused = await rival.delete(`/api/v1/settings/members/${own}`);
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("last_admin");
  expect((await rival.patch(`/api/v1/settings/members/${own}`, { data: { role: "viewer" } })).status()).toBe(409);

  await Promise.all([demo.dispose(), rival.dispose()]);
});

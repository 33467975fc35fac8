import { expect, type Page, test } from "@playwright/test";
import { type E2eUser, signInApi } from "./fixtures";

// The dashboard audits itself: an admin's key creation and revocation, and a failed sign-in,
// appear in the explorer as x-attest.* events for admins and auditors; a viewer sees neither
// the events nor, by direct URL, the event page (404 as if it did not exist).

test.describe.configure({ timeout: 90_000 });

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const rowsOf = (page: Page) => page.getByRole("grid", { name: "Events" }).locator("tbody tr[data-event-id]");

async function signInPage(page: Page, user: E2eUser, path: string) {
  await signInApi(page.request, user);
  await page.goto(path);
}

test("an admin's new and revoked ingest key is in the audit trail for an auditor, not for a viewer", async ({
  page,
  browser,
}) => {
  await signInPage(page, "admin", "/settings/keys");
  const name = `audit-key-${unique()}`;
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = page.getByRole("region", { name: "New ingest key" });
  const key = (await secret.getByTestId("one-time-secret").textContent()) ?? "";
  const prefix = key.split("_").slice(0, 2).join("_");
  expect(prefix).toMatch(/^attest_[A-Za-z0-9]{8}$/);
  await secret.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: `Revoke ${prefix}` }).click();
  await page.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(page.getByTestId("key-row").filter({ hasText: name })).toContainText("Revoked");

  // The auditor follows the explorer's "Dashboard audit trail" link, then narrows to the key.
  const auditorContext = await browser.newContext();
  const auditor = await auditorContext.newPage();
  await signInPage(auditor, "auditor", "/events");
  await auditor.getByRole("link", { name: "Dashboard audit trail" }).click();
  await expect(auditor).toHaveURL(/type=x-attest\.\*/);
  await auditor.goto(`/events?type=x-attest.ingest_key.created,x-attest.ingest_key.revoked&target=${prefix}`);
  const rows = rowsOf(auditor);
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "x-attest.ingest_key.created" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "x-attest.ingest_key.revoked" })).toHaveCount(1);
  const created = rows.filter({ hasText: "x-attest.ingest_key.created" });
  const eventId = String(await created.getAttribute("data-event-id"));
  await auditor.goto(`/events/${encodeURIComponent(eventId)}`);
  await expect(auditor.getByRole("heading", { level: 1 })).toContainText("x-attest.ingest_key.created");
  await expect(auditor.locator("main")).toContainText(prefix);
  await expect(auditor.locator("main")).not.toContainText(key);
  expect((await auditor.request.get(`/api/v1/events/${encodeURIComponent(eventId)}`)).status()).toBe(200);
  await auditorContext.close();

  // The viewer: nothing in the list, no audit-trail link, and the event page is a 404.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signInPage(viewer, "viewer", `/events?type=x-attest.ingest_key.created&target=${prefix}`);
  await expect(viewer.getByText("No events match these filters")).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Dashboard audit trail" })).toHaveCount(0);
  const response = await viewer.goto(`/events/${encodeURIComponent(eventId)}`);
  expect(response?.status()).toBe(404);
  await expect(viewer.getByRole("heading", { name: "404: event not found" })).toBeVisible();
  expect((await viewer.request.get(`/api/v1/events/${encodeURIComponent(eventId)}`)).status()).toBe(404);
  await viewerContext.close();
});

test("a failed sign-in shows up for the admin", async ({ page }) => {
  // A member of its own, so no other spec's sign-in is locked out or counted.
  await signInApi(page.request, "admin");
  const email = `audit-target-${unique()}@e2e.attest.test`;
  const added = await page.request.post("/api/v1/settings/members", { data: { email, role: "viewer" } });
  expect(added.status(), await added.text()).toBe(201);

  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#sign-in-error")).toHaveText("Wrong email or password.");

  await signInPage(page, "admin", `/events?type=x-attest.auth.sign_in_failed&target=${encodeURIComponent(email)}`);
  const rows = rowsOf(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("x-attest.auth.sign_in_failed");
  await rows.first().click();
  await expect(page.getByRole("complementary", { name: "Event detail" })).toContainText("wrong_password");
});

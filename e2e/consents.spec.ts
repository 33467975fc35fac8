import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures";

// Consent history as an analyst reads it: from the list of people with revocations, open the
// one whose support assistant kept going after the revocation, and see the revocation followed
// by the flagged tool call (demo scenario "tool call after consent revoked").

test.describe.configure({ timeout: 120_000 });

const timeline = (page: Page) => page.getByRole("list", { name: "Consent timeline, oldest first" });

test("an analyst opens a user's consent history and sees a revocation followed by a flagged tool call", async ({
  page,
}) => {
  await signIn(page, "analyst").catch(() => signIn(page, "analyst"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Consents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consents" })).toBeVisible();

  // People with revocations come first in the users table and say so.
  const users = page.getByRole("table", { name: /^Users with consent activity/ });
  const revokedRows = users.locator("tbody tr").filter({ hasText: /\d+ revoked/ });
  const candidates = await revokedRows.count();
  expect(candidates).toBeGreaterThan(0);

  let found = false;
  for (let i = 0; i < candidates && !found; i++) {
    await revokedRows.nth(i).getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Consent history: / })).toBeVisible();
    const flaggedCall = timeline(page).locator("li[data-testid=timeline-use]").filter({ hasText: "zendesk.reply" });
    if ((await flaggedCall.count()) > 0) found = true;
    else await page.goBack();
  }
  expect(found, "a user whose revocation was followed by a flagged zendesk.reply").toBe(true);

  const items = timeline(page).locator(":scope > li");
  const texts = await items.allInnerTexts();
  const flaggedAt = texts.findIndex((t) => t.includes("zendesk.reply") && t.includes("Used after consent was revoked"));
  // The revocation the call ignored is the latest one before it.
  const revokedAt = texts.slice(0, Math.max(0, flaggedAt)).findLastIndex((t) => t.includes("Consent revoked"));
  expect(revokedAt).toBeGreaterThanOrEqual(0);
  expect(flaggedAt).toBeGreaterThan(revokedAt);
  const flagged = items.nth(flaggedAt);
  await expect(flagged.getByRole("note")).toContainText(
    /mcp\.tool\.called zendesk\.reply ran \d+ min after consent cns_[0-9a-f]+ was revoked\./,
  );
  await expect(flagged.getByRole("link", { name: /^Trace/ })).toHaveAttribute("href", /^\/traces\//);
  await expect(flagged.getByRole("link", { name: /^Event/ })).toHaveAttribute("href", /^\/events\//);
  // The revoked consent is the one the flag names.
  const consentId = (await items.nth(revokedAt).locator("code").first().textContent())?.trim() ?? "";
  await expect(flagged.getByRole("note")).toContainText(consentId);

  // Listed under flagged uses too, and the consent granted again later is in force now.
  await expect(page.getByRole("heading", { name: /^Flagged uses \([1-9]/ })).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: /^Consents in force now/ })
      .locator("tbody tr")
      .first(),
  ).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: "test-results/screenshots/consents.png", fullPage: true });

  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
  expect(dark.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/consents-dark.png", fullPage: true });
});

test("the subject list is searchable and accessible; an unknown subject is not found", async ({ page }) => {
  await signIn(page, "analyst").catch(() => signIn(page, "analyst"));
  await page.goto("/consents");
  const search = page.getByRole("form", { name: "Search consent subjects" });
  await search.getByLabel("User, agent or client").fill("support-assistant");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=support-assistant/);
  const agents = page.getByRole("table", { name: /^Agents with consent activity/ });
  await expect(agents.locator("tbody tr")).toHaveCount(1);
  await agents.getByRole("link").first().click();
  await expect(page).toHaveURL(/agent=support-assistant/);
  await expect(page.getByRole("heading", { level: 1, name: /^Consent history: / })).toBeVisible();

  await page.goto("/consents");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/consents-list.png", fullPage: true });

  await page.goto("/consents?user=nobody-here");
  await expect(page.getByText(/could not be found/i)).toBeVisible();
});

import { expect, test } from "@playwright/test";

// The foundation page, as a person sees it after `npm run dev` loaded the demo data.
test("home page shows the demo tenant's event count and latest events", async ({ page }) => {
  await page.goto("/");

  await expect(page).toHaveTitle("Attest");
  await expect(page.getByRole("heading", { level: 1, name: "Demo tenant activity" })).toBeVisible();

  const count = page.getByTestId("event-count");
  await expect(count).toBeVisible();
  // A positive whole number, e.g. "1,234".
  await expect(count).toHaveText(/^[1-9][\d,]*$/);
  const value = Number((await count.textContent())?.replace(/\D/g, ""));

  const table = page.getByRole("table", { name: "Latest events in the demo tenant" });
  const rows = table.getByRole("row");
  // One header row plus up to 20 events.
  await expect(rows).toHaveCount(Math.min(value, 20) + 1);
  await expect(table.getByRole("columnheader", { name: "Correlation ID" })).toBeVisible();
  await expect(table.getByRole("cell", { name: /^(mcp\.tool\.called|policy\.evaluated)$/ }).first()).toBeVisible();
});

test("the events table can be reached with the keyboard", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("region", { name: "Latest events in the demo tenant" })).toBeFocused();
});

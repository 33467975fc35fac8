import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

// The home page holds no data of its own: it sends people to sign-in, or to their overview.
test("signed-out visitors of the home page are sent to sign-in, and see no tenant data", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in to Attest" })).toBeVisible();
  await expect(page.getByTestId("kpi-events")).toHaveCount(0);
});

test("an admin opening the home page lands on the overview with the demo data and charts", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/");
  await expect(page).toHaveURL(/\/overview/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  const events = page.getByTestId("kpi-events-value");
  // A positive whole number, e.g. "1,234".
  await expect(events).toHaveText(/^[1-9][\d,]*$/);
  await expect(page.getByRole("figure", { name: "Events over time" }).locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByRole("figure", { name: "Top agents" }).locator("svg.recharts-surface")).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

// A person in two tenants sees one at a time, with the role they hold there, and switches.
test("a member of two tenants switches between them and sees only the active one's data", async ({ page }) => {
  await signIn(page, "consultant");
  const tenant = page.getByLabel("Tenant");
  await expect(tenant).toBeVisible();
  await expect(page.getByText("Role: viewer")).toBeVisible();

  await page.goto("/agents");
  await expect(page.getByRole("link", { name: /Billing Copilot/ }).first()).toBeVisible();
  await expect(page.getByText("rival-bot")).toHaveCount(0);

  await tenant.selectOption("rival");
  await expect(page).toHaveURL(/\/overview/);
  await expect(page.getByText("Role: analyst")).toBeVisible();
  await page.goto("/agents");
  await expect(page.getByRole("link", { name: /Rival Bot/ }).first()).toBeVisible();
  await expect(page.getByText("Billing Copilot")).toHaveCount(0);

  await page.getByLabel("Tenant").selectOption("demo");
  await expect(page.getByText("Role: viewer")).toBeVisible();
});

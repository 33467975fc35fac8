import { expect, test } from "@playwright/test";
import { credentials, signIn } from "./fixtures";

test("an admin signs in and lands on the overview of their tenant", async ({ page }) => {
  await signIn(page, "admin");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toBeVisible();
});

test("signed-out visitors of dashboard pages are sent to sign-in", async ({ page }) => {
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in to Attest" })).toBeVisible();
});

test("a wrong password is refused, and repeated failures lock the account for a while", async ({ page }) => {
  const { email } = credentials("lockout");
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("#sign-in-error")).toHaveText("Wrong email or password.");
  }
  // Even the right password is refused while the lock holds.
  await page.getByLabel("Password").fill(credentials("lockout").password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#sign-in-error")).toContainText("Too many failed attempts");
  await expect(page).toHaveURL(/\/sign-in/);
});

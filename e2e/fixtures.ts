import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export type E2eUser = "admin" | "analyst" | "auditor" | "viewer" | "lockout" | "rival";

const USERS_FILE = path.join(import.meta.dirname, "../.data/e2e-users.json");

export function credentials(user: E2eUser): { email: string; password: string; tenant: string } {
  const users = JSON.parse(readFileSync(USERS_FILE, "utf8"));
  return users[user];
}

/** Signs in through the real sign-in form and waits for the overview. */
export async function signIn(page: Page, user: E2eUser) {
  const { email, password } = credentials(user);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/overview/);
}

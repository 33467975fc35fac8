import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures";

// The Delegations page as an analyst uses it: the chains in use over the last 7 days, a
// three-agent-hop chain opened to its hops and scopes, and the demo's escalating chain flagged
// in words on the page and on its event.

test.describe.configure({ timeout: 90_000 });

async function signInAsAnalyst(page: Page) {
  // Once more if the first click landed before the sign-in form hydrated on a loaded machine.
  await signIn(page, "analyst").catch(() => signIn(page, "analyst"));
}

// "Human → Ops Planner → A → B": three agent hops from ops-planner (the summary also carries
// a screen-reader suffix).
const THREE_HOPS_FROM_PLANNER = /^[^→]+ → Ops Planner → [^→]+ → [^→]+: hops and scopes$/;
const ESCALATION_NOTE = /^⚠ ?Escalation: holds [\w.-]+:admin, which [\w.-]+ did not hold$/;

test("an analyst opens a three-hop chain with its scopes and sees the seeded escalation", async ({ page }) => {
  await signInAsAnalyst(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Delegations" }).click();
  await expect(page).toHaveURL(/\/delegations$/);
  await expect(page.getByRole("heading", { level: 1, name: "Delegations" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "7d" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByText(/delegated events on \d+ chain paths/)).toBeVisible();

  const paths = page.getByRole("table", { name: "Delegation chain paths, busiest first" });
  await expect(paths).toBeVisible();

  // A three-hop chain that did not escalate starts closed; open it from the keyboard.
  const summaries = paths.locator("summary").filter({ hasText: THREE_HOPS_FROM_PLANNER });
  const count = await summaries.count();
  let opened = false;
  for (let i = 0; i < count && !opened; i++) {
    const summary = summaries.nth(i);
    const details = summary.locator("xpath=..");
    if (await details.evaluate((el) => (el as HTMLDetailsElement).open)) continue;
    const text = ((await summary.textContent()) ?? "").replace(/: hops and scopes$/, "").trim();
    await summary.focus();
    await page.keyboard.press("Enter");
    const hops = details.getByRole("list", { name: `Hops of ${text}` });
    await expect(hops).toBeVisible();
    const items = hops.getByRole("listitem");
    await expect(items).toHaveCount(4);
    await expect(items.nth(0)).toContainText("user");
    await expect(items.nth(1)).toContainText("ops-planner");
    for (let hop = 1; hop <= 3; hop++) {
      await expect(items.nth(hop)).toContainText("agent");
      // Each hop shows the scopes it held, e.g. crm:write.
      await expect(items.nth(hop).locator("code").first()).toHaveText(/^[\w.-]+:[\w.-]+$/);
    }
    // Scopes narrow along the chain: every agent hop holds at most what the human held.
    const held = await items.nth(0).locator("code").allTextContents();
    const last = await items.nth(3).locator("code").allTextContents();
    expect(last.every((scope) => held.includes(scope))).toBe(true);
    opened = true;
  }
  expect(opened, "a closed three-hop chain from ops-planner").toBe(true);

  // The seeded escalation: its path is open, and the hop says what it gained, in words.
  const escalatedRow = paths.getByRole("row").filter({ hasText: /Escalated in \d+ events?/ });
  await expect(escalatedRow).toHaveCount(1);
  const note = escalatedRow.getByRole("note");
  await expect(note).toHaveText(ESCALATION_NOTE);
  const escalatedHops = escalatedRow.getByRole("list", { name: /^Hops of .* → Ops Planner → / });
  await expect(escalatedHops.getByRole("listitem")).toHaveCount(4);

  const escalations = page.getByRole("region", { name: "Escalations" });
  const escalationRows = escalations.getByRole("table").locator("tbody tr");
  await expect(escalationRows.first()).toContainText(/:admin/);

  // At 1280 px every table fits: nothing scrolls sideways, neither the page nor a table.
  const overflow = await page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll("main .overflow-x-auto")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map(
        (el) =>
          `${el.querySelector("caption")?.textContent ?? el.tagName}: ${el.scrollWidth} > ${el.clientWidth} (${[
            ...el.querySelectorAll("thead th"),
          ]
            .map((th) => Math.round(th.getBoundingClientRect().width))
            .join(" ")})`,
      ),
  );
  expect(overflow).toEqual([]);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: "test-results/screenshots/delegations.png", fullPage: true });
  await escalatedRow.screenshot({ path: "test-results/screenshots/delegations-escalation.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
  expect(dark.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/delegations-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  // The escalating event's own page flags the same hop.
  await escalationRows
    .first()
    .getByRole("link", { name: /^Event / })
    .click();
  await expect(page).toHaveURL(/\/events\/[^/?]+$/);
  await expect(page.getByRole("list", { name: "Delegation chain" }).getByRole("note")).toHaveText(ESCALATION_NOTE);
});

test("a range without delegated events shows the empty state", async ({ page }) => {
  await signInAsAnalyst(page);
  await page.goto("/delegations?range=custom&from=2001-01-01&to=2001-01-02");
  await expect(page.getByRole("heading", { name: "No delegated events in this range" })).toBeVisible();
  await expect(page.getByRole("link", { name: "open the explorer" })).toBeVisible();
});

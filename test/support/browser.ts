// Headless Chromium for the web tests: the system browser driven by playwright-core, a fresh profile per launch,
// and helpers to look at the pages the way people (and assistive technology) do.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const AXE_PATH = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));
export const SCREENS_DIR = fileURLToPath(new URL("../../test-results/screens", import.meta.url));

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

export type Browser = { context: BrowserContext; close(): Promise<void> };

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "drex-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: DESKTOP,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page whose uncaught errors are collected, so a test can fail on them. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
    .join("\n");
}

/** Screenshots of a screen at phone and desktop width, into test-results/screens/. */
export async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  for (const [label, size] of [
    ["360", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENS_DIR, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

const POLL_MS = 100;
const WAIT_MS = 15_000;

/** Waits until `check` returns a value other than undefined; fails with `describe()` when it never does. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  describe: () => Promise<string> | string,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(await describe());
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function textOf(locator: Locator): Promise<string> {
  try {
    return (await locator.allInnerTexts()).join("\n");
  } catch {
    return "";
  }
}

/** Waits until the element(s) show `expected`; returns what they show. */
export async function waitForText(locator: Locator, expected: string | RegExp, timeoutMs = WAIT_MS): Promise<string> {
  let last = "";
  return eventually(
    async () => {
      last = await textOf(locator);
      const found = typeof expected === "string" ? last.includes(expected) : expected.test(last);
      return found ? last : undefined;
    },
    () => `expected ${locator} to show ${String(expected)}; it shows:\n${last || "(nothing)"}`,
    timeoutMs,
  );
}

/**
 * Clicks a button inside `scope`, then waits until `done` holds; a failure message (role=alert) in the scope ends
 * the wait at once with that message.
 */
export async function clickAndWait(
  scope: Locator,
  button: string | RegExp,
  done: () => Promise<boolean>,
  timeoutMs = WAIT_MS,
): Promise<void> {
  await scope.getByRole("button", { name: button, exact: typeof button === "string" }).click();
  let alert = "";
  await eventually(
    async () => {
      const alerts = scope.getByRole("alert");
      if ((await alerts.count()) > 0) {
        alert = await textOf(alerts);
        if (alert.trim() !== "") throw new Error(`"${String(button)}" failed on screen: ${alert}`);
      }
      return (await done()) ? true : undefined;
    },
    async () => `after "${String(button)}" the screen did not reach the expected state:\n${await textOf(scope)}`,
    timeoutMs,
  );
}

/** Picks a development account in the account switcher, by its label. */
export async function actAs(page: Page, label: string): Promise<void> {
  await page.getByLabel("Development account").selectOption({ label });
}

/** Follows a link of the main navigation. */
export async function openScreen(page: Page, name: "Dashboard" | "Consumer" | "Provider" | "Financier"): Promise<void> {
  await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name, exact: true }).click();
  await page.locator("main").first().waitFor();
}

/** Waits until no section of the page is still loading, and the page has painted what it read. */
export async function settle(page: Page): Promise<void> {
  await eventually(
    async () => ((await page.locator(".loading, [aria-busy='true']").count()) === 0 ? true : undefined),
    () => "the page kept loading",
  );
  await page.waitForTimeout(200);
}

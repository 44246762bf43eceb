// The web app's figures: the JavaScript the dashboard needs before it can show anything (gzipped, as served), and how
// long the dashboard takes to be ready in headless Chromium on a node holding 1,000 generators.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { readDeployment } from "../node/deployment.ts";
import { ensureWebBuilt } from "../scripts/webBuild.ts";
import { startNodeProcess } from "../test/support/nodeProcess.ts";
import { seedManyGenerators } from "./manyGenerators.ts";

/** Each figure's promise: at most `max` or at least `min`. */
export const WEB_TARGETS: Record<string, { max?: number; min?: number }> = {
  "web.firstLoadJsKbGzip": { max: 250 },
  "web.dashboardReadyMs.1000generators": { max: 1_500 },
};

const WEB_DIST = fileURLToPath(new URL("../web/dist", import.meta.url));
const CHROMIUM = process.env.DREX_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** The web app's contract: the dashboard sets aria-busy="false" once it shows what it loaded. */
const DASHBOARD_READY = 'main[data-testid="dashboard"][aria-busy="false"]';
const GENERATORS = 1_000;
const ACTIVE_EVERY = 4;
const MEASURED_LOADS = 5;

export async function benchWeb(onProgress: (message: string) => void = console.log): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  onProgress("web: building the web app");
  await ensureWebBuilt();
  figures["web.firstLoadJsKbGzip"] = firstLoadJsKbGzip(WEB_DIST);

  const dataDir = mkdtempSync(join(tmpdir(), "drex-bench-web-"));
  const node = await startNodeProcess(["--data-dir", dataDir, "--log-level", "warn"]);
  try {
    const deployment = readDeployment(join(dataDir, "deployment.json"));
    const seedingStarted = performance.now();
    const { active } = await seedManyGenerators({
      apiUrl: node.apiUrl,
      rpcUrl: node.rpcUrl,
      deployment,
      count: GENERATORS,
      activeEvery: ACTIVE_EVERY,
      onProgress,
    });
    await waitForIndex(node.apiUrl, BigInt(GENERATORS));
    onProgress(
      `web: ${GENERATORS} generators (${active} active) indexed in ${((performance.now() - seedingStarted) / 1000).toFixed(1)} s`,
    );
    onProgress(`web: dashboard loads in headless Chromium (1 warm-up, ${MEASURED_LOADS} measured)`);
    figures[`web.dashboardReadyMs.${GENERATORS}generators`] = Math.round(
      median(await dashboardReadyMs(`${node.apiUrl}/`, MEASURED_LOADS, onProgress)),
    );
  } finally {
    await node.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

/**
 * The gzipped size, in kB (1,000 bytes, as Vite reports it), of the entry script and every module it preloads: what
 * the browser fetches before the dashboard can render. Chunks loaded later (lazily) are not counted.
 */
export function firstLoadJsKbGzip(distDir: string): number {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const files = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attributes = attributesOf(tag);
    const isEntry = tag.toLowerCase().startsWith("<script") && attributes.type === "module" && attributes.src;
    const isPreload = tag.toLowerCase().startsWith("<link") && attributes.rel === "modulepreload" && attributes.href;
    const path = isEntry ? attributes.src : isPreload ? attributes.href : undefined;
    if (path !== undefined && !/^[a-z]+:\/\//i.test(path)) files.add(path.replace(/^\//, ""));
  }
  if (files.size === 0) throw new Error(`${distDir}/index.html names no module script`);
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
  return Math.round(bytes / 100) / 10;
}

function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z][\w-]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    attributes[(match[1] as string).toLowerCase()] = match[3] ?? match[4] ?? match[5] ?? "";
  }
  return attributes;
}

/** Until the index has caught up with the chain and holds `generatorCount` generators. */
async function waitForIndex(apiUrl: string, generatorCount: bigint): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const status = (await (await fetch(`${apiUrl}/api/v1/status`)).json()) as {
      blockNumber: string;
      indexedBlock: string;
      totals: { generatorCount: string };
    };
    if (status.indexedBlock === status.blockNumber && BigInt(status.totals.generatorCount) === generatorCount) return;
    if (Date.now() > deadline) throw new Error(`the index did not catch up: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Loads `url` in a fresh browser context (empty cache and storage) `loads` times after one warm-up, and returns each
 * time from navigation start to the dashboard being ready, read from the page's own clock.
 */
async function dashboardReadyMs(url: string, loads: number, onProgress: (message: string) => void) {
  // launch() gives the browser a fresh temporary profile, removed when it closes.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const times: number[] = [];
    for (let load = 0; load <= loads; load++) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(url, { waitUntil: "commit" });
        // Evaluated in the page: the ready time on its clock, whose zero is the navigation's start.
        const ready = await page.waitForFunction(
          `document.querySelector(${JSON.stringify(DASHBOARD_READY)}) === null ? null : performance.now()`,
          undefined,
          { polling: "raf", timeout: 60_000 },
        );
        const readyMs = (await ready.jsonValue()) as number;
        if (load > 0) {
          times.push(readyMs);
          onProgress(`  load ${load}: ${Math.round(readyMs)} ms`);
        }
      } finally {
        await context.close();
      }
    }
    return times;
  } finally {
    await browser.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

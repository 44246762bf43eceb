// Builds the web app (web/dist) when it is missing or older than its sources, so that `npm start`, the browser tests
// and the benchmarks always serve the code in the tree. Test files may run in parallel processes; a lock directory
// keeps them from building at once. Run directly (`node scripts/webBuild.ts`), it builds when needed and exits.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const WEB_DIR = fileURLToPath(new URL("../web", import.meta.url));
const DIST_INDEX = join(WEB_DIR, "dist", "index.html");
const LOCK_DIR = join(tmpdir(), `drex-web-build-${WEB_DIR.replace(/[^a-zA-Z0-9]/g, "_")}.lock`);
/** A lock older than this was left by a process that died while building. */
const STALE_LOCK_MS = 5 * 60_000;
const LOCK_POLL_MS = 200;

function newestMtimeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

function isBuildCurrent(): boolean {
  if (!existsSync(DIST_INDEX)) return false;
  const sources = [join(WEB_DIR, "src"), join(WEB_DIR, "index.html"), join(WEB_DIR, "vite.config.ts")];
  const newestSource = Math.max(...sources.filter((p) => existsSync(p)).map(newestMtimeMs));
  return statSync(DIST_INDEX).mtimeMs >= newestSource;
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK_DIR);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(LOCK_DIR).mtimeMs > STALE_LOCK_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
    return false;
  }
}

/**
 * Vite keeps a NODE_ENV it finds set (test runners set "test"), and would then bundle React's development build; the
 * app the node serves is always the production one.
 */
async function buildForProduction(): Promise<void> {
  const { build } = await import("vite");
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root: WEB_DIR, configFile: join(WEB_DIR, "vite.config.ts"), mode: "production", logLevel: "warn" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export async function ensureWebBuilt(): Promise<void> {
  while (!isBuildCurrent()) {
    if (!tryLock()) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      continue;
    }
    try {
      if (isBuildCurrent()) return;
      await buildForProduction();
    } finally {
      rmSync(LOCK_DIR, { recursive: true, force: true });
    }
  }
}

if (import.meta.main) await ensureWebBuilt();

// `npm run bench`: measures every figure the project promises, prints each one with its target, and writes them all
// to bench/results.json as one flat object of name → number. `--update-snapshot` also rewrites the committed gas
// snapshot (bench/gas-snapshot.json) that the test suite compares against. `--only gas|indexer|node|web|meter` runs
// one part and keeps the other parts' figures already in results.json.
import { readFile, writeFile } from "node:fs/promises";
import { DISTRIBUTE_GAS_BUDGETS, measureDistributeGas } from "./distributeGas.ts";
import { ENERGY_GAS_BUDGETS, measureEnergyGas } from "./energyGas.ts";
import { GAS_BUDGETS, measureGas } from "./gas.ts";
import { benchIndexer } from "./indexer.ts";
import { benchMeter, METER_TARGETS } from "./meter.ts";
import { benchNode, NODE_TARGETS } from "./node.ts";
import { benchWeb, WEB_TARGETS } from "./web.ts";

const resultsUrl = new URL("./results.json", import.meta.url);
const snapshotUrl = new URL("./gas-snapshot.json", import.meta.url);

/** Each figure's promise: at most `max` or at least `min`. */
const TARGETS: Record<string, { max?: number; min?: number }> = {
  ...Object.fromEntries(
    Object.entries({ ...GAS_BUDGETS, ...ENERGY_GAS_BUDGETS, ...DISTRIBUTE_GAS_BUDGETS }).map(([name, max]) => [
      name,
      { max },
    ]),
  ),
  "indexer.eventsPerSec.sqlite": { min: 10_000 },
  "indexer.eventsPerSec.postgres": { min: 10_000 },
  ...NODE_TARGETS,
  ...WEB_TARGETS,
  ...Object.fromEntries(Object.entries(METER_TARGETS).map(([name, min]) => [name, { min }])),
};

const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex === -1 ? null : process.argv[onlyIndex + 1];
const PARTS = ["gas", "indexer", "node", "web", "meter"];
if (only !== null && (only === undefined || !PARTS.includes(only))) {
  throw new Error(`--only takes one of ${PARTS.join(", ")}; got ${only ?? "nothing"}`);
}
const progress = (message: string) => console.log(`… ${message}`);

const started = performance.now();
const gas =
  only === null || only === "gas"
    ? {
        ...(await measureGas({ onProgress: progress })),
        ...(await measureEnergyGas()),
        ...(await measureDistributeGas()),
      }
    : {};
const figures: Record<string, number> = { ...gas };
if (only === null || only === "indexer") Object.assign(figures, await benchIndexer({ onProgress: progress }));
if (only === null || only === "node") Object.assign(figures, await benchNode(progress));
if (only === null || only === "web") Object.assign(figures, await benchWeb(progress));
if (only === null || only === "meter") Object.assign(figures, await benchMeter(progress));

let failed = 0;
console.log("\nfigure                                   value      target");
for (const [name, value] of Object.entries(figures)) {
  const target = TARGETS[name];
  const missed =
    target !== undefined &&
    ((target.max !== undefined && value > target.max) || (target.min !== undefined && value < target.min));
  if (missed) failed++;
  const promise = target === undefined ? "" : target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`;
  console.log(
    `${name.padEnd(40)} ${String(value).padStart(8)}  ${promise.padStart(10)}  ${target === undefined ? "" : missed ? "MISSED" : "ok"}`,
  );
}
const kept = only === null ? {} : await previousResults();
await writeFile(resultsUrl, `${JSON.stringify({ ...kept, ...figures }, null, 2)}\n`);
if (process.argv.includes("--update-snapshot") && Object.keys(gas).length > 0) {
  await writeFile(snapshotUrl, `${JSON.stringify(gas, null, 2)}\n`);
  console.log("gas snapshot updated: bench/gas-snapshot.json");
}
console.log(`\nwrote bench/results.json in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failed > 0) {
  console.error(`${failed} figure(s) missed their target`);
  process.exitCode = 1;
}

async function previousResults(): Promise<Record<string, number>> {
  try {
    return JSON.parse(await readFile(resultsUrl, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

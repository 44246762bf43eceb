// `npm run bench`: measures every figure the project promises, prints each one with its budget, and writes them all
// to bench/results.json as one flat object of name → number. `--update-snapshot` also rewrites the committed gas
// snapshot (bench/gas-snapshot.json) that the test suite compares against.
import { writeFile } from "node:fs/promises";
import { GAS_BUDGETS, measureGas } from "./gas.ts";

const resultsUrl = new URL("./results.json", import.meta.url);
const snapshotUrl = new URL("./gas-snapshot.json", import.meta.url);

const started = performance.now();
const figures = await measureGas({ onProgress: (message) => console.log(`… ${message}`) });

let failed = 0;
console.log("\nfigure                                   value      budget");
for (const [name, value] of Object.entries(figures)) {
  const budget = GAS_BUDGETS[name];
  const verdict = budget === undefined ? "" : value <= budget ? "ok" : "OVER";
  if (verdict === "OVER") failed++;
  console.log(`${name.padEnd(40)} ${String(value).padStart(8)}  ${String(budget ?? "").padStart(8)}  ${verdict}`);
}
await writeFile(resultsUrl, `${JSON.stringify(figures, null, 2)}\n`);
if (process.argv.includes("--update-snapshot")) {
  await writeFile(snapshotUrl, `${JSON.stringify(figures, null, 2)}\n`);
  console.log("gas snapshot updated: bench/gas-snapshot.json");
}
console.log(`\nwrote bench/results.json in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failed > 0) {
  console.error(`${failed} figure(s) over budget`);
  process.exitCode = 1;
}

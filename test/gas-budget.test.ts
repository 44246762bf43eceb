import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { before, describe, it } from "node:test";
import { DISTRIBUTE_GAS_BUDGETS, measureDistributeGas } from "../bench/distributeGas.ts";
import { ENERGY_GAS_BUDGETS, measureEnergyGas } from "../bench/energyGas.ts";
import { GAS_BUDGETS, type GasFigures, measureGas } from "../bench/gas.ts";

// Gas is deterministic on the in-process chain, so these are exact checks, not timings.
describe("gas budgets and the committed snapshot", () => {
  let figures: GasFigures = {};
  before(async () => {
    figures = { ...(await measureGas()), ...(await measureEnergyGas()), ...(await measureDistributeGas()) };
  });

  it("DX4 DX6 DX8 DX9 MX5 MX6 MX8: every promised figure is within its budget", () => {
    for (const [name, budget] of Object.entries({ ...GAS_BUDGETS, ...ENERGY_GAS_BUDGETS })) {
      const value = figures[name];
      assert.ok(value !== undefined, `${name} was not measured`);
      assert.ok(value <= budget, `${name} costs ${value} gas, over its budget of ${budget}`);
    }
  });

  it("DS3 DS5 DS7: staking, claiming a task, committing and revealing a vote are within their budgets", () => {
    for (const [name, budget] of Object.entries(DISTRIBUTE_GAS_BUDGETS)) {
      const value = figures[name];
      assert.ok(value !== undefined, `${name} was not measured`);
      assert.ok(value <= budget, `${name} costs ${value} gas, over its budget of ${budget}`);
    }
  });

  it("DX9: a purchase costs the same with 10,000 share owners as with one", () => {
    const one = figures["gas.buyEnergy.owners1"] ?? 0;
    const many = figures["gas.buyEnergy.owners10000"] ?? 0;
    assert.ok(Math.abs(many - one) <= one / 100, `owners1 ${one} vs owners10000 ${many}: more than 1% apart`);
  });

  it("DX8: relaying a device's signed usage reading costs at most 100,000 gas, less once the consumer has one", () => {
    const repeat = figures["gas.reportUsage"];
    const first = figures["gas.reportUsage.first"];
    assert.ok(
      repeat !== undefined && first !== undefined,
      "gas.reportUsage and gas.reportUsage.first were not measured",
    );
    assert.ok(repeat <= 100_000, `a consumer's repeat reading costs ${repeat} gas, over 100,000`);
    // The repeat reading updates the consumer's usage mark where the first creates it.
    assert.ok(repeat < first, `repeat reading ${repeat} vs first ${first}`);
  });

  it("DX4 DX5: completing the financing costs no more with 200 financiers than with one", () => {
    const one = figures["gas.fundingComplete.financiers1"] ?? 0;
    const many = figures["gas.fundingComplete.financiers200"] ?? Number.POSITIVE_INFINITY;
    assert.ok(many <= one, `financiers1 ${one} vs financiers200 ${many}`);
  });

  it("DS8: a whole 10-task project, proposal to the last withdrawal, is measured", () => {
    const total = figures["gas.lifecycle.10tasks"] ?? 0;
    // Its 46 transactions at 21,000 intrinsic gas each are the least it could cost.
    assert.ok(total > 46 * 21_000, `gas.lifecycle.10tasks is ${total}`);
  });

  it("matches bench/gas-snapshot.json (after an intended change: npm run bench -- --update-snapshot)", async () => {
    const snapshot = JSON.parse(await readFile(new URL("../bench/gas-snapshot.json", import.meta.url), "utf8"));
    assert.deepEqual(figures, snapshot);
  });
});

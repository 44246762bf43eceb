import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatDuration,
  formatMilliUnits,
  formatPrice,
  formatSharePercent,
  formatShares,
  formatSolar,
  parseSolar,
} from "../sdk/format.ts";

describe("SDK formatting", () => {
  it("DX10: SOLAR amounts print exactly, grouped, with the symbol", () => {
    assert.equal(formatSolar(12_500_500_000_000_000_000_000n), "12,500.5 SOLAR");
    assert.equal(formatSolar(1n), "0.000000000000000001 SOLAR");
    assert.equal(formatSolar(0n), "0 SOLAR");
    assert.equal(formatSolar(-1_500_000_000_000_000_000n), "-1.5 SOLAR");
    assert.equal(formatSolar(1_234_567_890_000_000_000_000n, { maxDecimals: 2, symbol: false }), "1,234.56");
  });

  it("DX10: parseSolar is the inverse of formatSolar and refuses what is not an amount", () => {
    for (const wei of [0n, 1n, 12_500_500_000_000_000_000_000n, 3_333_333_333_333_333_333_333n]) {
      assert.equal(parseSolar(formatSolar(wei)), wei);
    }
    assert.equal(parseSolar("12.5"), 12_500_000_000_000_000_000n);
    assert.throws(() => parseSolar("twelve"));
    assert.throws(() => parseSolar("0.0000000000000000001"));
  });

  it("DX5: 10,000 shares print as 100.00%", () => {
    assert.equal(formatSharePercent(10_000n), "100.00%");
    assert.equal(formatSharePercent(1n), "0.01%");
    assert.equal(formatSharePercent(3281n), "32.81%");
    assert.equal(formatShares(1n), "1 share (0.01%)");
    assert.equal(formatShares(2666n), "2,666 shares (26.66%)");
  });

  it("DX8: energy, prices and durations print for people", () => {
    assert.equal(formatMilliUnits(12_500n, "kWh"), "12.5 kWh");
    assert.equal(formatMilliUnits(7n, "m³"), "0.007 m³");
    assert.equal(formatPrice(250_000_000_000_000_000n, "kWh"), "0.25 SOLAR/kWh");
    assert.equal(formatDuration(7n * 86_400n), "7 d");
    assert.equal(formatDuration(90_060n), "1 d 1 h 1 min");
  });
});

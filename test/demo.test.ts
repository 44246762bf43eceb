import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runDemo } from "../scripts/demo.ts";

describe("the demo", () => {
  it("DX1–DX10: the whole story runs and its ledger balances to the last wei", async () => {
    const lines: string[] = [];
    const result = await runDemo({ log: (line) => lines.push(line) });
    const failed = result.checks.filter((c) => !c.ok);
    assert.deepEqual(failed, [], lines.join("\n"));
    assert.equal(result.ok, true);
    assert.ok(result.checks.length >= 25);
    assert.equal(
      result.ledger.reduce((sum, row) => sum + row.balanceWei, 0n),
      result.totalSupplyWei,
    );
    assert.equal(result.mintedWei, result.totalSupplyWei);
    assert.equal(result.financedWei, result.providerReceivedWei);
    assert.equal(result.paidByBuyersWei, result.claimedWei + result.claimableWei + result.dustWei);
    assert.ok(result.claimedWei > 0n && result.claimableWei > 0n);
    // The story reached every step.
    const story = lines.join("\n");
    for (const expected of [
      "refused — That contribution is more than the 1,000 SOLAR still needed.",
      "withdraws its bid",
      "activates the generator",
      "sells half of his shares",
      "Everything balances.",
    ]) {
      assert.ok(story.includes(expected), `the demo should print "${expected}"`);
    }
  });
});

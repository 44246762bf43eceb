// SDK on the in-process chain: financing, refunds, generator creation and shares.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fund } from "../sdk/actions/financier/fund.ts";
import { getPortfolio } from "../sdk/actions/financier/getPortfolio.ts";
import { refund } from "../sdk/actions/financier/refund.ts";
import { getGenerator } from "../sdk/actions/generator/getGenerator.ts";
import { getRequest } from "../sdk/actions/market/getRequest.ts";
import { ContractRevertError } from "../sdk/errors.ts";
import { parseSolar } from "../sdk/format.ts";
import { DAY, drexFixture, INSTALLATION_SECONDS, rejection, TARGET_WEI } from "./support/fixture.ts";

describe("SDK financing actions", () => {
  it("DX4: fund approves the marketplace if needed, then contributes", async () => {
    const f = await drexFixture();
    const { requestId } = await f.acceptedRequest();
    const [a] = f.financiers;
    const before = await f.balanceOf(a.account.address);
    const first = await fund(a, { marketplace: f.marketplace, requestId, amountWei: parseSolar("1000") });
    assert.notEqual(first.approvalHash, null);
    assert.equal(first.raisedWei, parseSolar("1000"));
    assert.equal(first.targetWei, TARGET_WEI);
    assert.equal(first.generator, null);
    assert.equal(await f.balanceOf(a.account.address), before - parseSolar("1000"));
    assert.equal(await f.balanceOf(f.marketplace), parseSolar("1000"));
    const request = await getRequest(f.publicClient, { marketplace: f.marketplace, requestId });
    assert.equal(request.raisedWei, parseSolar("1000"));
    assert.equal(request.remainingWei, TARGET_WEI - parseSolar("1000"));
    assert.equal(request.financierCount, 1);
  });

  it("DX4: nobody can overfund; the error says how much is still needed", async () => {
    const f = await drexFixture();
    const { requestId } = await f.acceptedRequest(parseSolar("100"));
    const [a, b] = f.financiers;
    await fund(a, { marketplace: f.marketplace, requestId, amountWei: parseSolar("87.5") });
    const error = await rejection(() =>
      fund(b, { marketplace: f.marketplace, requestId, amountWei: parseSolar("20") }),
    );
    assert.ok(error instanceof ContractRevertError);
    assert.equal(error.errorName, "ExceedsFundingTarget");
    assert.deepEqual(error.args, [requestId, parseSolar("20"), parseSolar("12.5")]);
    assert.equal(error.sentence, "That contribution is more than the 12.5 SOLAR still needed.");
    assert.equal(error.functionName, "fund");
    assert.equal(error.isRetryable, false);
  });

  it("DX4: fund reaching the target creates the generator", async () => {
    const f = await drexFixture();
    const { requestId } = await f.acceptedRequest();
    const [a, b] = f.financiers;
    await fund(a, { marketplace: f.marketplace, requestId, amountWei: TARGET_WEI / 4n });
    const last = await fund(b, { marketplace: f.marketplace, requestId, amountWei: (TARGET_WEI * 3n) / 4n });
    assert.ok(last.generator);
    const block = await f.publicClient.getBlock();
    assert.equal(last.activationDeadline, block.timestamp + BigInt(INSTALLATION_SECONDS) + 14n * DAY);
    const request = await getRequest(f.publicClient, { marketplace: f.marketplace, requestId });
    assert.equal(request.status, "Funded");
    assert.equal(request.generator, last.generator);
    assert.equal(request.activationDeadline, last.activationDeadline);
  });

  it("DX5: 10,000 shares pro rata to financing, summing to exactly 10,000, in getGenerator's owners", async () => {
    const f = await drexFixture();
    const { requestId } = await f.acceptedRequest(parseSolar("3"));
    const [a, b, c] = f.financiers;
    // Thirds: 3,333 each after flooring; the one dust share goes to the earliest financier.
    await fund(a, { marketplace: f.marketplace, requestId, amountWei: parseSolar("1") });
    await fund(b, { marketplace: f.marketplace, requestId, amountWei: parseSolar("1") });
    const { generator } = await fund(c, { marketplace: f.marketplace, requestId, amountWei: parseSolar("1") });
    assert.ok(generator);
    const view = await getGenerator(f.publicClient, { generator });
    assert.equal(view.phase, "Pending");
    assert.equal(view.totalShares, 10_000n);
    assert.equal(view.escrowWei, parseSolar("3"));
    assert.equal(view.requestId, requestId);
    assert.equal(view.location, "Kisumu, Kenya");
    assert.equal(view.unit, "kWh");
    const sharesOf = new Map(view.owners.map((o) => [o.address.toLowerCase(), o.shares]));
    assert.equal(sharesOf.get(a.account.address.toLowerCase()), 3334n);
    assert.equal(sharesOf.get(b.account.address.toLowerCase()), 3333n);
    assert.equal(sharesOf.get(c.account.address.toLowerCase()), 3333n);
    assert.equal(view.owners[0]?.shares, 3334n, "most shares first");
    assert.equal(
      view.owners.reduce((s, o) => s + o.shares, 0n),
      10_000n,
    );
  });

  it("DX4: a month without reaching the target lets every financier take back all they put in", async () => {
    const f = await drexFixture();
    const { requestId } = await f.acceptedRequest();
    const [a, b, c] = f.financiers;
    await fund(a, { marketplace: f.marketplace, requestId, amountWei: parseSolar("100") });
    await fund(a, { marketplace: f.marketplace, requestId, amountWei: parseSolar("50") });
    await fund(b, { marketplace: f.marketplace, requestId, amountWei: parseSolar("70") });

    const early = await rejection(() => refund(a, { marketplace: f.marketplace, requestId }));
    assert.ok(early instanceof ContractRevertError);
    assert.equal(early.errorName, "RefundNotAvailable");
    assert.match(early.sentence, /is being financed: refunds are due only when financing or activation has failed/);

    await f.advance(30n * DAY + 1n);
    assert.equal(
      (await getRequest(f.publicClient, { marketplace: f.marketplace, requestId })).status,
      "FinancingFailed",
    );
    const portfolio = await getPortfolio(f.publicClient, { marketplace: f.marketplace, account: a.account.address });
    assert.deepEqual(
      portfolio.contributions.map((c) => [c.requestId, c.status, c.contributedWei, c.refundable]),
      [[requestId, "FinancingFailed", parseSolar("150"), true]],
    );
    assert.equal(portfolio.totalRefundableWei, parseSolar("150"));

    const late = await rejection(() => fund(c, { marketplace: f.marketplace, requestId, amountWei: parseSolar("1") }));
    assert.ok(late instanceof ContractRevertError);
    assert.equal(late.errorName, "WrongRequestStatus");

    const before = await f.balanceOf(a.account.address);
    const back = await refund(a, { marketplace: f.marketplace, requestId });
    assert.equal(back.amountWei, parseSolar("150"));
    assert.equal(await f.balanceOf(a.account.address), before + parseSolar("150"));
    assert.equal((await refund(b, { marketplace: f.marketplace, requestId })).amountWei, parseSolar("70"));
    assert.equal(await f.balanceOf(f.marketplace), 0n);

    const twice = await rejection(() => refund(a, { marketplace: f.marketplace, requestId }));
    assert.ok(twice instanceof ContractRevertError);
    assert.equal(twice.errorName, "NothingToRefund");
    assert.match(twice.sentence, /has nothing to take back from request #1\.$/);
  });

  it("DX7: without activation by installation time plus grace, the financiers get their money back", async () => {
    const f = await drexFixture();
    const { requestId, generator } = await f.fundedGenerator();
    await f.advance(BigInt(INSTALLATION_SECONDS) + 14n * DAY + 1n);
    assert.equal(
      (await getRequest(f.publicClient, { marketplace: f.marketplace, requestId })).status,
      "ActivationFailed",
    );
    assert.equal((await getGenerator(f.publicClient, { generator })).phase, "Failed");
    const [a] = f.financiers;
    const portfolio = await getPortfolio(f.publicClient, { marketplace: f.marketplace, account: a.account.address });
    assert.equal(portfolio.holdings[0]?.refundableWei, (TARGET_WEI * 5n) / 10n);
    let refunded = 0n;
    for (const financier of f.financiers) {
      refunded += (await refund(financier, { marketplace: f.marketplace, requestId })).amountWei;
    }
    assert.equal(refunded, TARGET_WEI);
    assert.equal(await f.balanceOf(f.marketplace), 0n);
  });
});

// SDK on the in-process chain: a generator's price vote, activation, energy sales, usage, revenue and shares.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { activate } from "../sdk/actions/consumer/activate.ts";
import { buyEnergy } from "../sdk/actions/consumer/buyEnergy.ts";
import { getCredit } from "../sdk/actions/consumer/getCredit.ts";
import { deliverUsage } from "../sdk/actions/device/deliverUsage.ts";
import { getUsage } from "../sdk/actions/device/getUsage.ts";
import { reportUsage } from "../sdk/actions/device/reportUsage.ts";
import { claimRevenue } from "../sdk/actions/financier/claimRevenue.ts";
import { getPortfolio } from "../sdk/actions/financier/getPortfolio.ts";
import { transferShares } from "../sdk/actions/financier/transferShares.ts";
import { votePrice } from "../sdk/actions/financier/votePrice.ts";
import { withdrawVote } from "../sdk/actions/financier/withdrawVote.ts";
import { getGenerator } from "../sdk/actions/generator/getGenerator.ts";
import { getRequest } from "../sdk/actions/market/getRequest.ts";
import { registerDevice } from "../sdk/actions/provider/registerDevice.ts";
import { transferSolar } from "../sdk/actions/token/transferSolar.ts";
import { ContractRevertError, InvalidParameterError } from "../sdk/errors.ts";
import { parseSolar } from "../sdk/format.ts";
import { signUsage } from "../sdk/generator/usage.ts";
import { DAY, drexFixture, INSTALLATION_SECONDS, rejection, TARGET_WEI } from "./support/fixture.ts";

const revert = (error: unknown, errorName: string): ContractRevertError => {
  assert.ok(error instanceof ContractRevertError, `expected ContractRevertError, got ${String(error)}`);
  assert.equal(error.errorName, errorName);
  return error;
};

describe("SDK generator actions", () => {
  it("DX6: getAvg is the stake-weighted average of the votes cast, 0 with none; votes can change and be withdrawn", async () => {
    const f = await drexFixture();
    const { generator } = await f.fundedGenerator();
    const [a, b, c] = f.financiers; // 5,000 / 3,000 / 2,000 shares
    assert.equal((await getGenerator(f.publicClient, { generator })).priceWeiPerUnit, 0n);

    const first = await votePrice(a, { generator, priceWeiPerUnit: parseSolar("0.20") });
    assert.equal(first.averagePriceWeiPerUnit, parseSolar("0.20"));
    const second = await votePrice(b, { generator, priceWeiPerUnit: parseSolar("0.30") });
    // (5,000 × 0.20 + 3,000 × 0.30) / 8,000; c did not vote and has no say.
    assert.equal(second.averagePriceWeiPerUnit, parseSolar("0.2375"));
    const changed = await votePrice(b, { generator, priceWeiPerUnit: parseSolar("0.10") });
    assert.equal(changed.averagePriceWeiPerUnit, (5_000n * parseSolar("0.20") + 3_000n * parseSolar("0.10")) / 8_000n);

    const withdrawn = await withdrawVote(b, { generator });
    assert.equal(withdrawn.averagePriceWeiPerUnit, parseSolar("0.20"));
    const view = await getGenerator(f.publicClient, { generator });
    assert.equal(view.priceWeiPerUnit, parseSolar("0.20"));
    assert.equal(view.votingShares, 5_000n);
    assert.equal(
      view.owners.find((o) => o.address.toLowerCase() === a.account.address.toLowerCase())?.votePriceWeiPerUnit,
      parseSolar("0.20"),
    );
    assert.equal(
      view.owners.find((o) => o.address.toLowerCase() === b.account.address.toLowerCase())?.votePriceWeiPerUnit,
      null,
    );

    const noVote = revert(await rejection(() => withdrawVote(c, { generator })), "NoVote");
    assert.match(noVote.sentence, /has no vote to withdraw\.$/);
    const notOwner = revert(
      await rejection(() => votePrice(f.stranger, { generator, priceWeiPerUnit: 1n })),
      "NotAnOwner",
    );
    assert.match(notOwner.sentence, /owns no shares of this generator, so it has no vote\.$/);
  });

  it("DX6: the price follows share transfers", async () => {
    const f = await drexFixture();
    const { generator } = await f.activeGenerator();
    const [a, b, c] = f.financiers;
    await votePrice(a, { generator, priceWeiPerUnit: parseSolar("0.20") });
    await votePrice(b, { generator, priceWeiPerUnit: parseSolar("0.30") });
    await transferShares(a, { generator, to: c.account.address, shares: 1_000n }); // c does not vote
    const expected = (4_000n * parseSolar("0.20") + 3_000n * parseSolar("0.30")) / 7_000n;
    assert.equal((await getGenerator(f.publicClient, { generator })).priceWeiPerUnit, expected);
  });

  it("DX7: only the winning provider registers the device key", async () => {
    const f = await drexFixture();
    const { generator } = await f.fundedGenerator();
    const error = revert(
      await rejection(() => registerDevice(f.stranger, { generator, deviceKey: f.deviceAccount.address })),
      "NotProvider",
    );
    assert.match(error.sentence, /^Only the winning provider \(.+\) can register the device key, not .+\.$/);
    await registerDevice(f.provider, { generator, deviceKey: f.deviceAccount.address });
    assert.equal((await getGenerator(f.publicClient, { generator })).deviceKey, f.deviceAccount.address);
  });

  it("DX7: activation is the requester's, needs the device key and an initial token, and pays the provider", async () => {
    const f = await drexFixture();
    const { generator, requestId } = await f.fundedGenerator();
    revert(
      await rejection(() => activate(f.consumer, { generator, initialTokenWei: parseSolar("1") })),
      "DeviceKeyNotRegistered",
    );
    await registerDevice(f.provider, { generator, deviceKey: f.deviceAccount.address });

    const wrongCaller = revert(
      await rejection(() => activate(f.stranger, { generator, initialTokenWei: parseSolar("1") })),
      "NotRequester",
    );
    assert.equal(String(wrongCaller.namedArgs.caller).toLowerCase(), f.stranger.account.address.toLowerCase());
    assert.equal(String(wrongCaller.namedArgs.requester).toLowerCase(), f.consumer.account.address.toLowerCase());
    assert.match(
      wrongCaller.sentence,
      /^Only the consumer who made the request \(.+\) can activate this generator, not .+\.$/,
    );
    revert(await rejection(() => activate(f.consumer, { generator, initialTokenWei: 0n })), "InitialTokenRequired");
    // Nobody may buy before activation either.
    const early = revert(await rejection(() => buyEnergy(f.buyer, { generator, units: 1n })), "WrongPhase");
    assert.equal(early.sentence, "The generator is pending activation, but this needs it to be active.");

    const providerBefore = await f.balanceOf(f.provider.account.address);
    const activated = await activate(f.consumer, { generator, initialTokenWei: parseSolar("2") });
    assert.notEqual(activated.approvalHash, null);
    assert.equal(activated.escrowReleasedWei, TARGET_WEI);
    assert.equal(activated.provider.toLowerCase(), f.provider.account.address.toLowerCase());
    assert.equal(await f.balanceOf(f.provider.account.address), providerBefore + TARGET_WEI);
    assert.equal(await f.balanceOf(f.marketplace), 0n);
    const view = await getGenerator(f.publicClient, { generator });
    assert.equal(view.phase, "Active");
    assert.ok(view.activatedAt !== null);
    assert.equal(view.cumulativeRevenueWei, parseSolar("2"));
    assert.equal((await getRequest(f.publicClient, { marketplace: f.marketplace, requestId })).status, "Active");
    revert(await rejection(() => activate(f.consumer, { generator, initialTokenWei: 1n })), "WrongPhase");
  });

  it("DX7: a revert from the marketplace inside a generator call decodes against the union of the ABIs", async () => {
    const f = await drexFixture();
    const { generator, requestId } = await f.fundedGenerator();
    await registerDevice(f.provider, { generator, deviceKey: f.deviceAccount.address });
    await f.advance(BigInt(INSTALLATION_SECONDS) + 14n * DAY + 1n);
    const error = revert(
      await rejection(() => activate(f.consumer, { generator, initialTokenWei: parseSolar("1") })),
      "WrongRequestStatus",
    );
    assert.deepEqual(error.args, [requestId, 8, 7]);
    assert.equal(
      error.sentence,
      "Request #1 is past its activation deadline, but this needs it to be funded and waiting for activation.",
    );
  });

  it("DX8: anyone buys energy at the vote price after activation, approving if needed", async () => {
    const f = await drexFixture();
    const { generator } = await f.activeGenerator();
    const [a] = f.financiers;
    await votePrice(a, { generator, priceWeiPerUnit: parseSolar("0.25") });
    const before = await f.balanceOf(f.buyer.account.address);
    const bought = await buyEnergy(f.buyer, { generator, units: 40n });
    assert.notEqual(bought.approvalHash, null);
    assert.equal(bought.priceWeiPerUnit, parseSolar("0.25"));
    assert.equal(bought.costWei, parseSolar("10"));
    assert.equal(bought.creditMilliUnits, 40_000n);
    assert.equal(await f.balanceOf(f.buyer.account.address), before - parseSolar("10"));
    assert.equal(await getCredit(f.publicClient, { generator, account: f.buyer.account.address }), 40_000n);
    const view = await getGenerator(f.publicClient, { generator });
    assert.equal(view.unitsSold, 40n);
    assert.equal(view.cumulativeRevenueWei, parseSolar("11")); // 1 SOLAR at activation + 10

    const tooHigh = revert(
      await rejection(() => buyEnergy(f.buyer, { generator, units: 1n, maxPriceWeiPerUnit: parseSolar("0.2") })),
      "PriceAboveLimit",
    );
    assert.equal(tooHigh.sentence, "The price is now 0.25 SOLAR per unit, above the 0.2 SOLAR you agreed to pay.");
    await assert.rejects(() => buyEnergy(f.buyer, { generator, units: 0n }), InvalidParameterError);
  });

  it("DX8: usage arrives as the device's signed readings, relayed by anyone, never beyond the credit", async () => {
    const f = await drexFixture();
    const { generator } = await f.activeGenerator();
    await buyEnergy(f.buyer, { generator, units: 5n }); // free: nobody voted
    // The consumer relays the device's reading: the signature is what counts, not the sender.
    const used = await deliverUsage(f.buyer, {
      generator,
      device: f.deviceAccount,
      consumer: f.buyer.account.address,
      milliUnits: 1_500n,
    });
    assert.equal(used.milliUnits, 1_500n);
    assert.equal(used.creditMilliUnits, 3_500n);
    assert.equal(await getCredit(f.publicClient, { generator, account: f.buyer.account.address }), 3_500n);
    assert.equal((await getGenerator(f.publicClient, { generator })).deliveredMilliUnits, 1_500n);
    const last = await getUsage(f.publicClient, { generator, consumer: f.buyer.account.address });
    assert.equal(last.deliveredMilliUnits, 1_500n);

    const chainId = await f.publicClient.getChainId();
    const { timestamp } = await f.publicClient.getBlock();
    const usage = { consumer: f.buyer.account.address, deliveredMilliUnits: 2_000n, readAt: timestamp };
    for (const impostor of [privateKeyToAccount(generatePrivateKey()), privateKeyToAccount(generatePrivateKey())]) {
      const signature = await signUsage(impostor, { chainId, generator, usage });
      const error = revert(
        await rejection(() => reportUsage(f.buyer, { generator, usage, signature })),
        "NotSignedByDevice",
      );
      assert.equal(String(error.namedArgs.signer), impostor.address);
      assert.equal(String(error.namedArgs.deviceKey), f.deviceAccount.address);
      assert.match(error.sentence, /^The usage reading was signed by .+, not by the generator's device \(.+\)\.$/);
    }
    // Replayed: the same reading again draws nothing more.
    const signature = await signUsage(f.deviceAccount, { chainId, generator, usage });
    await reportUsage(f.stranger, { generator, usage, signature });
    const replay = revert(
      await rejection(() => reportUsage(f.stranger, { generator, usage, signature })),
      "StaleUsage",
    );
    assert.match(replay.sentence, /^The usage reading is dated .+, not after .+'s last one \(.+\)\.$/);
    const over = revert(
      await rejection(() =>
        deliverUsage(f.device, {
          generator,
          device: f.deviceAccount,
          consumer: f.buyer.account.address,
          milliUnits: 4_000n,
        }),
      ),
      "InsufficientCredit",
    );
    assert.match(over.sentence, /has 3 kWh of credit, less than the 4 kWh reported\.$/);
    assert.equal(await getCredit(f.publicClient, { generator, account: f.buyer.account.address }), 3_000n);
  });

  it("DX8: the device must be the provider's active Generator device in the registry", async () => {
    const f = await drexFixture();
    const { generator } = await f.fundedGenerator();
    const stranger = privateKeyToAccount(generatePrivateKey()).address;
    const unknown = revert(
      await rejection(() => registerDevice(f.provider, { generator, deviceKey: stranger })),
      "UnknownDeviceKey",
    );
    assert.match(unknown.sentence, /^No device has the key .+\.$/);
    const theirs = privateKeyToAccount(generatePrivateKey()).address;
    const [theirId] = await f.approvedDevices(f.provider2, [theirs]);
    const notProviders = revert(
      await rejection(() => registerDevice(f.provider, { generator, deviceKey: theirs })),
      "DeviceNotProviders",
    );
    assert.equal(notProviders.namedArgs.deviceId, theirId);
    const battery = privateKeyToAccount(generatePrivateKey()).address;
    await f.approvedDevices(f.provider, [battery], "storageNode");
    const notGenerator = revert(
      await rejection(() => registerDevice(f.provider, { generator, deviceKey: battery })),
      "NotAGeneratorDevice",
    );
    assert.match(notGenerator.sentence, /is a storage node, not a generator\.$/);
    await registerDevice(f.provider, { generator, deviceKey: f.deviceAccount.address });
    const view = await getGenerator(f.publicClient, { generator });
    assert.equal(view.deviceKey, f.deviceAccount.address);
  });

  it("DX9: payments are shared pro rata; owners claim when they like; nothing twice", async () => {
    const f = await drexFixture();
    const { generator } = await f.activeGenerator(); // 1 SOLAR at activation
    const [a, b, c] = f.financiers;
    await votePrice(a, { generator, priceWeiPerUnit: parseSolar("1") });
    await buyEnergy(f.buyer, { generator, units: 9n }); // revenue now 10 SOLAR
    const view = await getGenerator(f.publicClient, { generator });
    const claimable = new Map(view.owners.map((o) => [o.address.toLowerCase(), o.claimableWei]));
    assert.equal(claimable.get(a.account.address.toLowerCase()), parseSolar("5"));
    assert.equal(claimable.get(b.account.address.toLowerCase()), parseSolar("3"));
    assert.equal(claimable.get(c.account.address.toLowerCase()), parseSolar("2"));

    const before = await f.balanceOf(b.account.address);
    const claimed = await claimRevenue(b, { generator });
    assert.equal(claimed.amountWei, parseSolar("3"));
    assert.equal(await f.balanceOf(b.account.address), before + parseSolar("3"));
    const again = revert(await rejection(() => claimRevenue(b, { generator })), "NothingToClaim");
    assert.match(again.sentence, /has no revenue to claim right now\.$/);
  });

  it("DX9: a share transfer keeps past revenue with the seller", async () => {
    const f = await drexFixture();
    const { generator } = await f.activeGenerator(); // 1 SOLAR revenue so far
    const [a, b] = f.financiers;
    await votePrice(a, { generator, priceWeiPerUnit: parseSolar("1") });
    await votePrice(b, { generator, priceWeiPerUnit: parseSolar("1") }); // the price stays 1 when a's vote leaves
    await buyEnergy(f.buyer, { generator, units: 9n }); // 10 SOLAR: a earned 5
    const moved = await transferShares(a, { generator, to: f.stranger.account.address, shares: 5_000n });
    assert.equal(moved.shares, 5_000n);
    await buyEnergy(f.buyer, { generator, units: 10n }); // 10 more: the buyer of the shares earns 5
    const aPortfolio = await getPortfolio(f.publicClient, { marketplace: f.marketplace, account: a.account.address });
    assert.equal(aPortfolio.holdings[0]?.shares, 0n);
    assert.equal(aPortfolio.holdings[0]?.claimableWei, parseSolar("5"));
    assert.equal((await claimRevenue(a, { generator })).amountWei, parseSolar("5"));
    assert.equal((await claimRevenue(f.stranger, { generator })).amountWei, parseSolar("5"));
  });

  it("DX5: shares move only after activation, and never more than held (counted in shares)", async () => {
    const f = await drexFixture();
    const { generator } = await f.fundedGenerator();
    const [, , c] = f.financiers;
    revert(
      await rejection(() => transferShares(c, { generator, to: f.stranger.account.address, shares: 1n })),
      "WrongPhase",
    );
    await registerDevice(f.provider, { generator, deviceKey: f.deviceAccount.address });
    await activate(f.consumer, { generator, initialTokenWei: 1n });
    const error = revert(
      await rejection(() => transferShares(c, { generator, to: f.stranger.account.address, shares: 2_001n })),
      "ERC20InsufficientBalance",
    );
    assert.match(error.sentence, /has 2,000 shares \(20\.00%\), less than the 2,001 shares \(20\.01%\) needed\.$/);
  });

  it("DX4–DX9: getPortfolio shows shares, claimable revenue, price and own vote per generator", async () => {
    const f = await drexFixture();
    const first = await f.activeGenerator();
    const [a, b] = f.financiers;
    await votePrice(b, { generator: first.generator, priceWeiPerUnit: parseSolar("0.5") });
    await buyEnergy(f.buyer, { generator: first.generator, units: 2n });
    const second = await f.fundedGenerator();

    const portfolio = await getPortfolio(f.publicClient, {
      marketplace: f.marketplace,
      account: b.account.address,
      fromBlock: f.drex.fromBlock,
    });
    assert.deepEqual(
      portfolio.holdings.map((h) => [
        h.generator,
        h.phase,
        h.shares,
        h.claimableWei,
        h.priceWeiPerUnit,
        h.votePriceWeiPerUnit,
        h.contributedWei,
      ]),
      [
        [
          first.generator,
          "Active",
          3_000n,
          (parseSolar("2") * 3n) / 10n,
          parseSolar("0.5"),
          parseSolar("0.5"),
          (TARGET_WEI * 3n) / 10n,
        ],
        [second.generator, "Pending", 3_000n, 0n, 0n, null, (TARGET_WEI * 3n) / 10n],
      ],
    );
    assert.equal(portfolio.totalClaimableWei, (parseSolar("2") * 3n) / 10n);
    const none = await getPortfolio(f.publicClient, { marketplace: f.marketplace, account: f.buyer.account.address });
    assert.deepEqual(none.holdings, []);
    void a;
  });

  it("DX8: a consumer pays from a key of their own (local account) just like a JSON-RPC account", async () => {
    const f = await drexFixture();
    const { generator } = await f.activeGenerator();
    // The device key is a local viem account: give it Solar Tokens and let it buy, as a phone wallet would.
    await transferSolar(f.buyer, { token: f.token, to: f.deviceAccount.address, amountWei: parseSolar("1") });
    const bought = await buyEnergy(f.device, { generator, units: 3n });
    assert.equal(bought.creditMilliUnits, 3_000n);
  });
});

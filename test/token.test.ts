// SDK on the in-process chain: deployment, Solar Token and its sale.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther } from "viem";
import { readContract } from "viem/actions";
import { MarketplaceAbi } from "../sdk/abi/Marketplace.ts";
import { SolarTokenAbi } from "../sdk/abi/SolarToken.ts";
import { approve } from "../sdk/actions/token/approve.ts";
import { buyFromSale } from "../sdk/actions/token/buyFromSale.ts";
import { ensureAllowance } from "../sdk/actions/token/ensureAllowance.ts";
import { getSale } from "../sdk/actions/token/getSale.ts";
import { getSolarBalance } from "../sdk/actions/token/getSolarBalance.ts";
import { mint } from "../sdk/actions/token/mint.ts";
import { deployDrex } from "../sdk/deploy/deployDrex.ts";
import { ContractRevertError } from "../sdk/errors.ts";
import { parseSolar } from "../sdk/format.ts";
import type { DrexWalletClient } from "../sdk/types.ts";
import { DAY, drexFixture, rejection } from "./support/fixture.ts";

describe("SDK token actions and deployment", () => {
  it("DX10: deployDrex uses the seed's defaults: 100,000,000 SOLAR cap, 7/7/30/14 days", async () => {
    const { viem } = await network.create();
    const publicClient = await viem.getPublicClient();
    const [deployer]: DrexWalletClient[] = await viem.getWalletClients();
    assert.ok(deployer);
    const drex = await deployDrex(deployer);
    assert.equal(drex.sale, null);
    assert.equal(
      await readContract(publicClient, { address: drex.token, abi: SolarTokenAbi, functionName: "cap" }),
      parseSolar("100000000"),
    );
    assert.equal(
      await readContract(publicClient, { address: drex.token, abi: SolarTokenAbi, functionName: "symbol" }),
      "SOLAR",
    );
    assert.equal(
      await readContract(publicClient, { address: drex.token, abi: SolarTokenAbi, functionName: "totalSupply" }),
      0n,
    );
    const read = (functionName: "biddingPeriod" | "acceptancePeriod" | "financingPeriod" | "activationGracePeriod") =>
      readContract(publicClient, { address: drex.marketplace, abi: MarketplaceAbi, functionName });
    assert.deepEqual(
      [
        await read("biddingPeriod"),
        await read("acceptancePeriod"),
        await read("financingPeriod"),
        await read("activationGracePeriod"),
      ],
      [7n * DAY, 7n * DAY, 30n * DAY, 14n * DAY],
    );
    assert.equal(
      (
        await readContract(publicClient, {
          address: drex.marketplace,
          abi: MarketplaceAbi,
          functionName: "generatorImplementation",
        })
      ).toLowerCase(),
      drex.generatorImplementation.toLowerCase(),
    );
    assert.ok(drex.gasUsed > 0n);
  });

  it("DX10: every default is overridable", async () => {
    const { viem } = await network.create();
    const publicClient = await viem.getPublicClient();
    const [deployer]: DrexWalletClient[] = await viem.getWalletClients();
    assert.ok(deployer);
    const drex = await deployDrex(deployer, {
      capWei: parseSolar("1000"),
      biddingPeriodSeconds: 60n,
      acceptancePeriodSeconds: 120n,
      financingPeriodSeconds: 180n,
      activationGracePeriodSeconds: 0n,
    });
    assert.equal(
      await readContract(publicClient, { address: drex.token, abi: SolarTokenAbi, functionName: "cap" }),
      parseSolar("1000"),
    );
    assert.equal(
      await readContract(publicClient, {
        address: drex.marketplace,
        abi: MarketplaceAbi,
        functionName: "financingPeriod",
      }),
      180n,
    );
  });

  it("DX10: only the owner mints, and never past the cap", async () => {
    const { viem } = await network.create();
    const [deployer, other]: DrexWalletClient[] = await viem.getWalletClients();
    assert.ok(deployer && other);
    const { token } = await deployDrex(deployer, { capWei: parseSolar("100") });
    const minted = await mint(deployer, { token, to: other.account.address, amountWei: parseSolar("60") });
    assert.equal(minted.amountWei, parseSolar("60"));
    const notOwner = await rejection(() => mint(other, { token, to: other.account.address, amountWei: 1n }));
    assert.ok(notOwner instanceof ContractRevertError);
    assert.equal(notOwner.errorName, "OwnableUnauthorizedAccount");
    assert.match(notOwner.sentence, /^Only the token's owner can do that, not 0x.{4}….{4}\.$/);
    const pastCap = await rejection(() =>
      mint(deployer, { token, to: other.account.address, amountWei: parseSolar("41") }),
    );
    assert.ok(pastCap instanceof ContractRevertError);
    assert.equal(pastCap.errorName, "ERC20ExceededCap");
    assert.deepEqual(pastCap.args, [parseSolar("101"), parseSolar("100")]);
    assert.equal(pastCap.sentence, "That would take the Solar Token supply to 101 SOLAR, past its cap of 100 SOLAR.");
  });

  it("DX10: the initial sale sells SOLAR for ether at a fixed price", async () => {
    const f = await drexFixture();
    assert.ok(f.sale);
    const sale = await getSale(f.publicClient, { sale: f.sale });
    assert.equal(sale.priceWeiPerToken, parseEther("0.001"));
    assert.equal(sale.remainingTokenWei, parseSolar("100000"));
    assert.equal(sale.open, true);

    const byPayment = await buyFromSale(f.stranger, { sale: f.sale, paymentWei: parseEther("0.5") });
    assert.equal(byPayment.tokenWei, parseSolar("500"));
    const byAmount = await buyFromSale(f.stranger, { sale: f.sale, tokenWei: parseSolar("12.5") });
    assert.equal(byAmount.tokenWei, parseSolar("12.5"));
    assert.equal(byAmount.paidWei, parseEther("0.0125"));
    assert.equal((await getSale(f.publicClient, { sale: f.sale })).soldTokenWei, parseSolar("512.5"));

    const tooMuch = await rejection(() =>
      buyFromSale(f.stranger, { sale: f.sale as `0x${string}`, paymentWei: parseEther("101") }),
    );
    assert.ok(tooMuch instanceof ContractRevertError);
    assert.equal(tooMuch.errorName, "TrancheExceeded");
    assert.equal(tooMuch.sentence, "Only 99,487.5 SOLAR are left for sale; that payment would buy 101,000 SOLAR.");

    await f.advance(91n * DAY);
    const closed = await rejection(() =>
      buyFromSale(f.stranger, { sale: f.sale as `0x${string}`, paymentWei: parseEther("1") }),
    );
    assert.ok(closed instanceof ContractRevertError);
    assert.equal(closed.errorName, "SaleClosed");
    assert.match(closed.sentence, /^The token sale closed at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.$/);
  });

  it("DX10: approve sets an allowance; ensureAllowance approves only when needed", async () => {
    const f = await drexFixture();
    const spender = f.marketplace;
    await approve(f.buyer, { token: f.token, spender, amountWei: parseSolar("5") });
    const enough = await ensureAllowance(f.buyer, { token: f.token, spender, amountWei: parseSolar("5") });
    assert.deepEqual(enough, { approved: false, hash: null, gasUsed: 0n });
    const more = await ensureAllowance(f.buyer, { token: f.token, spender, amountWei: parseSolar("6") });
    assert.equal(more.approved, true);
    assert.ok(more.gasUsed > 0n);
    const allowance = await readContract(f.publicClient, {
      address: f.token,
      abi: SolarTokenAbi,
      functionName: "allowance",
      args: [f.buyer.account.address, spender],
    });
    assert.equal(allowance, parseSolar("6"));
    assert.equal(
      await getSolarBalance(f.publicClient, { token: f.token, account: f.buyer.account.address }),
      parseSolar("20000"),
    );
  });
});

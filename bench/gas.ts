// Full-transaction gas of the operations whose cost the project promises, measured on the in-process chain.
// Used by `npm run bench` (bench/run.ts) and by the budget test (test/gas-budget.test.ts).
import { network } from "hardhat";
import { type Address, type Hash, keccak256, parseEther, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { reportUsage } from "../sdk/actions/device/reportUsage.ts";
import { DEFAULT_BIDDING_PERIOD_SECONDS, deployDrex } from "../sdk/deploy/deployDrex.ts";
import { deployEnergy } from "../sdk/energy/deployEnergy.ts";
import { signUsage, type Usage } from "../sdk/generator/usage.ts";
import type { DrexWalletClient } from "../sdk/types.ts";
import { approveGeneratorDevice, soleMemberEnergyParameters } from "../simulator/register.ts";

export type GasFigures = Record<string, number>;

const TARGET_WEI = parseEther("12000");
const PRICE_WEI_PER_UNIT = parseEther("0.25");

/** Fixed keys, so that every run sends the same transactions and the snapshot is reproducible. */
const benchAccount = (label: string) => privateKeyToAccount(keccak256(toHex(`d-rex bench ${label}`)));

/** Budgets from the project's requirements: each figure must be at or below its budget. */
export const GAS_BUDGETS: Record<string, number> = {
  "gas.buyEnergy.owners1": 80_000,
  "gas.buyEnergy.owners10000": 80_000,
  "gas.claim": 60_000,
  "gas.shareTransfer": 65_000,
  "gas.vote": 90_000,
  "gas.contribute": 90_000,
  "gas.fundingComplete.financiers1": 350_000,
  "gas.fundingComplete.financiers200": 350_000,
  "gas.reportUsage": 100_000,
};

/**
 * When the measured usage readings are read: fixed instants (the chain's clock is moved to them) rather than the
 * wall-clock times the in-process chain starts from, so that the signed calldata, hence its gas, is the same on every
 * run. Far enough ahead of any run's clock; the readings are the last thing the bench does.
 */
const FIRST_READING_AT = 3_000_000_000n;
const SECOND_READING_AT = FIRST_READING_AT + 3_600n;

export type MeasureGasParameters = {
  /** Share owners of the large generator (10,000 in the published figures; fewer for a quick look). */
  owners?: number;
  /** Financiers of the large financing round (200 in the published figures). */
  financiers?: number;
  onProgress?: (message: string) => void;
};

export async function measureGas(params: MeasureGasParameters = {}): Promise<GasFigures> {
  const owners = params.owners ?? 10_000;
  const financiers = params.financiers ?? 200;
  const log = params.onProgress ?? (() => {});
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const clients: DrexWalletClient[] = await viem.getWalletClients();
  const [deployer, consumer, provider, relayer, buyer, alice, bob] = clients;
  if (!deployer || !consumer || !provider || !relayer || !buyer || !alice || !bob) throw new Error("too few accounts");

  const gasOf = async (hash: Promise<Hash>): Promise<number> => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return Number(receipt.gasUsed);
  };

  // The measured-energy modules, whose Technical DAO (the deployer alone) approves the provider's generator device:
  // the one device both measured generators register (DX8, MX1).
  const energy = await deployEnergy(deployer, soleMemberEnergyParameters(deployer.account.address));
  const device = benchAccount("generator device");
  await approveGeneratorDevice({
    deviceRegistry: energy.deviceRegistry,
    dao: energy.dao,
    key: device.address,
    operator: provider,
    members: [deployer],
    increaseTime: (seconds) => networkHelpers.time.increase(seconds),
  });
  const drex = await deployDrex(deployer, { capWei: 10n ** 36n, deviceModules: energy.moduleRegistry });
  const token = await viem.getContractAt("SolarToken", drex.token);
  const marketplace = await viem.getContractAt("Marketplace", drex.marketplace);
  const mintAndApprove = async (to: Address, amountWei: bigint, spender: Address) => {
    await token.write.mint([to, amountWei]);
    await token.write.approve([spender, amountWei], { account: to });
  };

  const figures: GasFigures = {};
  const reference = await viem.deployContract("ReferenceERC20", [parseEther("1000")]);
  await reference.write.transfer([alice.account.address, 1n]);
  figures["gas.ref.erc20Transfer"] = await gasOf(reference.write.transfer([alice.account.address, 1n]));

  /** Takes a request through bids and acceptance, ready for financing. */
  const acceptedRequest = async (): Promise<bigint> => {
    const id = (await marketplace.read.requestCount()) + 1n;
    await marketplace.write.createRequest(
      [{ location: "Kisumu, Kenya", wattageW: 5_000n, reason: "clinic fridge", utilityKind: "", unit: "" }],
      { account: consumer.account },
    );
    await marketplace.write.placeBid(
      [id, { unitType: "5 kW PV", installationCostWei: TARGET_WEI, installationSeconds: 14 * 86_400, insurance: "" }],
      { account: provider.account },
    );
    await networkHelpers.time.increase(DEFAULT_BIDDING_PERIOD_SECONDS + 1n);
    const bidId = await marketplace.read.bidCount();
    await marketplace.write.acceptBid([id, bidId], { account: consumer.account });
    return id;
  };
  const generatorOf = async (requestId: bigint) => {
    const [request] = await marketplace.read.getRequest([requestId]);
    return viem.getContractAt("Generator", request.generator);
  };

  // One financier funds the whole target in one transaction.
  log("funding with one financier");
  const smallId = await acceptedRequest();
  await mintAndApprove(alice.account.address, TARGET_WEI, marketplace.address);
  figures["gas.fundingComplete.financiers1"] = await gasOf(
    marketplace.write.fund([smallId, TARGET_WEI], { account: alice.account }),
  );

  // Many financiers: the contribution in the middle and the one that completes.
  log(`funding with ${financiers} financiers`);
  const largeId = await acceptedRequest();
  const share = TARGET_WEI / BigInt(financiers);
  const wallets = Array.from({ length: financiers }, (_, i) => benchAccount(`financier ${i}`));
  for (const [i, account] of wallets.entries()) {
    await networkHelpers.setBalance(account.address, parseEther("1"));
    const amountWei = i === financiers - 1 ? TARGET_WEI - share * BigInt(financiers - 1) : share;
    await token.write.mint([account.address, amountWei]);
    await token.write.approve([marketplace.address, amountWei], { account });
    const gas = await gasOf(marketplace.write.fund([largeId, amountWei], { account }));
    if (i === Math.floor(financiers / 2)) figures["gas.contribute"] = gas;
    if (i === financiers - 1) figures[`gas.fundingComplete.financiers${financiers}`] = gas;
  }

  // Activate the single-owner generator and measure a returning buyer there.
  const small = await generatorOf(smallId);
  await small.write.votePrice([PRICE_WEI_PER_UNIT], { account: alice.account });
  await small.write.registerDevice([device.address], { account: provider.account });
  await mintAndApprove(consumer.account.address, parseEther("1"), small.address);
  await small.write.activate([parseEther("1")], { account: consumer.account });
  await mintAndApprove(buyer.account.address, parseEther("1000000"), small.address);
  await small.write.buyEnergy([4n, PRICE_WEI_PER_UNIT], { account: buyer.account });
  figures["gas.buyEnergy.owners1"] = await gasOf(
    small.write.buyEnergy([4n, PRICE_WEI_PER_UNIT], { account: buyer.account }),
  );

  // Transfers, votes and claims between two existing holders of the single-owner generator, both voting.
  await small.write.transfer([bob.account.address, 100n], { account: alice.account });
  figures["gas.vote"] = await gasOf(small.write.votePrice([PRICE_WEI_PER_UNIT * 2n], { account: bob.account }));
  figures["gas.shareTransfer"] = await gasOf(
    small.write.transfer([bob.account.address, 1n], { account: alice.account }),
  );
  // A returning claimer who already holds Solar Tokens.
  await small.write.buyEnergy([4n, PRICE_WEI_PER_UNIT * 2n], { account: buyer.account });
  await small.write.claimRevenue({ account: bob.account });
  await small.write.buyEnergy([4n, PRICE_WEI_PER_UNIT * 2n], { account: buyer.account });
  figures["gas.claim"] = await gasOf(small.write.claimRevenue({ account: bob.account }));

  // A third generator whose single financier spreads the shares one each over `owners` accounts.
  log(`spreading shares over ${owners} owners`);
  const wideId = await acceptedRequest();
  await mintAndApprove(bob.account.address, TARGET_WEI, marketplace.address);
  await marketplace.write.fund([wideId, TARGET_WEI], { account: bob.account });
  const wide = await generatorOf(wideId);
  await wide.write.votePrice([PRICE_WEI_PER_UNIT], { account: bob.account });
  await wide.write.registerDevice([device.address], { account: provider.account });
  await mintAndApprove(consumer.account.address, parseEther("1"), wide.address);
  await wide.write.activate([parseEther("1")], { account: consumer.account });
  const spread = 10_000 - owners;
  for (let i = 1; i < owners; i++) {
    const amount = i === 1 ? BigInt(spread + 1) : 1n;
    // A fixed gas limit skips estimation, which would double the time of these 10,000 transactions.
    await wide.write.transfer([benchAccount(`owner ${i}`).address, amount], { account: bob.account, gas: 120_000n });
    if (i % 2_000 === 0) log(`  ${i} of ${owners - 1} transfers`);
  }
  if ((await wide.read.balanceOf([bob.account.address])) !== 1n) throw new Error("shares not spread as planned");
  await mintAndApprove(buyer.account.address, parseEther("1000000"), wide.address);
  await wide.write.buyEnergy([4n, PRICE_WEI_PER_UNIT], { account: buyer.account });
  figures[`gas.buyEnergy.owners${owners}`] = await gasOf(
    wide.write.buyEnergy([4n, PRICE_WEI_PER_UNIT], { account: buyer.account }),
  );

  // Usage readings on the single-owner generator, signed by its device and relayed by an account of no role. The
  // generator has counted another consumer's delivery already, so neither figure pays for its first total:
  //  - `gas.reportUsage.first`: the buyer's first reading (their usage mark is created);
  //  - `gas.reportUsage`: the buyer's second reading (their usage mark is updated), the figure a running generator
  //    pays for each report.
  log("usage readings");
  const chainId = await publicClient.getChainId();
  const relayUsage = async (usage: Usage): Promise<number> => {
    const signature = await signUsage(device, { chainId, generator: small.address, usage });
    return Number((await reportUsage(relayer, { generator: small.address, usage, signature })).gasUsed);
  };
  await mintAndApprove(consumer.account.address, parseEther("1000"), small.address);
  await small.write.buyEnergy([4n, PRICE_WEI_PER_UNIT * 2n], { account: consumer.account });
  await networkHelpers.time.increaseTo(FIRST_READING_AT);
  await relayUsage({ consumer: consumer.account.address, deliveredMilliUnits: 1_500n, readAt: FIRST_READING_AT });
  figures["gas.reportUsage.first"] = await relayUsage({
    consumer: buyer.account.address,
    deliveredMilliUnits: 1_500n,
    readAt: FIRST_READING_AT,
  });
  await networkHelpers.time.increaseTo(SECOND_READING_AT);
  figures["gas.reportUsage"] = await relayUsage({
    consumer: buyer.account.address,
    deliveredMilliUnits: 3_000n,
    readAt: SECOND_READING_AT,
  });
  return figures;
}

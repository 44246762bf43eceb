// Shared set-up for the SDK tests: a fresh in-process chain with D-REX deployed through the SDK and named people
// holding Solar Tokens. Every test file calls `drexFixture()` for its own chain, so tests never share state. The
// marketplace is linked to measured-energy modules whose Technical DAO (the deployer alone) has approved the
// provider's generator device (DX8, MX1).
import { network } from "hardhat";
import { type Address, createWalletClient, custom, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { acceptBid } from "../../sdk/actions/consumer/acceptBid.ts";
import { activate } from "../../sdk/actions/consumer/activate.ts";
import { createRequest } from "../../sdk/actions/consumer/createRequest.ts";
import { fund } from "../../sdk/actions/financier/fund.ts";
import { placeBid } from "../../sdk/actions/provider/placeBid.ts";
import { registerDevice } from "../../sdk/actions/provider/registerDevice.ts";
import { getSolarBalance } from "../../sdk/actions/token/getSolarBalance.ts";
import { mint } from "../../sdk/actions/token/mint.ts";
import { deployDrex } from "../../sdk/deploy/deployDrex.ts";
import { deployEnergy } from "../../sdk/energy/deployEnergy.ts";
import { parseSolar } from "../../sdk/format.ts";
import type { DrexWalletClient } from "../../sdk/types.ts";
import { registerFleet, soleMemberEnergyParameters } from "../../simulator/register.ts";

export const DAY = 86_400n;
export const TARGET_WEI = parseSolar("12000");
export const INSTALLATION_SECONDS = 21 * 86_400;

export async function drexFixture() {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const wallets: DrexWalletClient[] = await viem.getWalletClients();
  const at = (i: number): DrexWalletClient => {
    const w = wallets[i];
    if (!w) throw new Error(`need account ${i}`);
    return w;
  };
  const deployer = at(0);
  const consumer = at(1);
  const provider = at(2);
  const provider2 = at(3);
  const financiers = [at(4), at(5), at(6)] as const;
  const buyer = at(7);
  const stranger = at(8);

  // The device signs with its own local key, as a real installed device would.
  const deviceAccount = privateKeyToAccount(generatePrivateKey());
  const device: DrexWalletClient = createWalletClient({
    account: deviceAccount,
    chain: publicClient.chain,
    transport: custom(connection.provider),
  });
  await networkHelpers.setBalance(deviceAccount.address, parseEther("1"));

  const {
    fromBlock: _energyFromBlock,
    gasUsed: _energyGas,
    ...energy
  } = await deployEnergy(deployer, soleMemberEnergyParameters(deployer.account.address));
  const drex = await deployDrex(deployer, {
    sale: { priceWeiPerToken: parseEther("0.001"), trancheTokenWei: parseSolar("100000") },
    deviceModules: energy.moduleRegistry,
  });
  const { token, marketplace } = drex;
  for (const client of [consumer, ...financiers, buyer, stranger]) {
    await mint(deployer, { token, to: client.account.address, amountWei: parseSolar("20000") });
  }

  const advance = async (seconds: bigint) => {
    await networkHelpers.time.increase(seconds);
  };

  /** Devices `operator` applies for, approved by the Technical DAO; their ids in order. */
  const approvedDevices = async (
    operator: DrexWalletClient,
    keys: readonly Address[],
    kind: "generator" | "storageNode" = "generator",
  ): Promise<bigint[]> => {
    const devices = keys.map((address, index) => ({
      index,
      kind,
      account: { address },
      ratedPowerW: 5_000n,
      maxLossBps: 500,
      location: "Kisumu, Kenya",
    }));
    const { deviceIds } = await registerFleet({
      deviceRegistry: energy.deviceRegistry,
      dao: energy.dao,
      devices,
      operator,
      members: [deployer],
      increaseTime: advance,
    });
    return deviceIds;
  };
  const [deviceId] = await approvedDevices(provider, [deviceAccount.address]);

  /** A request with one bid from `provider` for `targetWei`, accepted: financing is open. */
  const acceptedRequest = async (targetWei: bigint = TARGET_WEI) => {
    const { requestId } = await createRequest(consumer, {
      marketplace,
      location: "Kisumu, Kenya",
      wattageW: 5_000n,
      reason: "clinic fridge",
    });
    const { bidId } = await placeBid(provider, {
      marketplace,
      requestId,
      unitType: "5 kW PV + 10 kWh LFP",
      installationCostWei: targetWei,
      installationSeconds: INSTALLATION_SECONDS,
      insurance: "2 years",
    });
    await advance(7n * DAY + 1n);
    await acceptBid(consumer, { marketplace, requestId, bidId });
    return { requestId, bidId };
  };

  /** An accepted request funded 50/30/20 by the three financiers: the generator exists, pending activation. */
  const fundedGenerator = async () => {
    const { requestId, bidId } = await acceptedRequest();
    const [a, b, c] = financiers;
    await fund(a, { marketplace, requestId, amountWei: (TARGET_WEI * 5n) / 10n });
    await fund(b, { marketplace, requestId, amountWei: (TARGET_WEI * 3n) / 10n });
    const last = await fund(c, { marketplace, requestId, amountWei: (TARGET_WEI * 2n) / 10n });
    if (last.generator === null) throw new Error("generator not created");
    return { requestId, bidId, generator: last.generator };
  };

  /** A funded generator with its device registered and activated by the consumer with 1 SOLAR. */
  const activeGenerator = async () => {
    const funded = await fundedGenerator();
    await registerDevice(provider, { generator: funded.generator, deviceKey: deviceAccount.address });
    await activate(consumer, { generator: funded.generator, initialTokenWei: parseSolar("1") });
    return funded;
  };

  const balanceOf = (account: Address): Promise<bigint> => getSolarBalance(publicClient, { token, account });

  return {
    connection,
    networkHelpers,
    publicClient,
    drex,
    energy,
    deviceId: deviceId as bigint,
    approvedDevices,
    token,
    marketplace,
    sale: drex.sale,
    deployer,
    consumer,
    provider,
    provider2,
    financiers,
    buyer,
    stranger,
    device,
    deviceAccount,
    advance,
    acceptedRequest,
    fundedGenerator,
    activeGenerator,
    balanceOf,
  };
}

/** Runs `fn`, expecting it to throw; returns what it threw. */
export async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

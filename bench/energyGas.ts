// Full-transaction gas of the measured-energy operations whose cost the project promises (MX2, MX5, MX6), measured on
// the in-process chain through viem, as bench/gas.ts does for the marketplace.
import { network } from "hardhat";
import { type Address, type Hash, keccak256, parseEther, stringToHex } from "viem";
import { merkleTree } from "../sdk/energy/merkle.ts";
import { type Reading, readingLeaf } from "../sdk/energy/readings.ts";

/** Budgets from the project's requirements: each figure must be at or below its budget. */
export const ENERGY_GAS_BUDGETS: Record<string, number> = {
  "gas.commitRoot": 80_000,
  "meter.gasPerReading.10000": 10,
  "gas.swap": 100_000,
  "gas.mintApproved": 150_000,
};

/** Readings under one committed root in the published figure. */
const READINGS_PER_ROOT = 10_000;
const RATED_POWER_W = 5_000n;
const SECONDS_PER_HOUR = 3_600n;
/** 2026-06-01T00:00:00Z: the first hour of the first month paid. */
const JUNE_2026 = 1_780_272_000n;

/** One hour's readings, one for each device key, all with the same sequence number. */
function hourOfReadings(hourStart: bigint, deviceKeys: Address[], sequence: bigint): Reading[] {
  return deviceKeys.map((device, i) => ({
    device,
    sequence,
    periodStart: hourStart,
    periodEnd: hourStart + SECONDS_PER_HOUR,
    producedWh: 4_000n + BigInt(i % 1_000),
    sentWh: 3_000n + BigInt(i % 1_000),
    receivedWh: 0n,
    heartbeats: 60,
  }));
}

/**
 * Deploys the measured-energy modules (the Technical DAO, the registry, devices, readings, payments, both tokens, a
 * pool) and measures:
 *  - `gas.commitRoot`: one `commitRoot` covering 10,000 readings (a real tree of 10,000 devices' hourly readings);
 *  - `meter.gasPerReading.10000`: that, divided by 10,000 and rounded up;
 *  - `gas.mintApproved`: `approvePayment` minting a new operator's first month (Energy Tokens to the operator and the
 *    three reward parts; the operator's two balances are new), sent from the DAO's executor address: the call a passed
 *    proposal makes, as a transaction of its own, without the governor's `execute` around it. The deployment's very
 *    first approval costs more, once: it also creates both tokens' total supplies and the pool's and vault's balances;
 *  - `gas.swap`: `swapExactIn` on the Reward Token / Energy Token pool by a returning trader with standing approval.
 */
export async function measureEnergyGas(): Promise<Record<string, number>> {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const [deployer, committer, operator, newcomer, trader, member1, member2, member3] = await viem.getWalletClients();
  if (!deployer || !committer || !operator || !newcomer || !trader || !member1 || !member2 || !member3) {
    throw new Error("too few accounts");
  }
  const gasOf = async (hash: Promise<Hash>): Promise<number> => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return Number(receipt.gasUsed);
  };

  // The Technical DAO, which the modules take their DAO actions from.
  const membership = await viem.deployContract("TechnicalMembership", [
    [member1.account.address, member2.account.address, member3.account.address],
  ]);
  const dao = await viem.deployContract("TechnicalDAO", [membership.address, 3_600, 86_400, 50n]);
  await membership.write.transferOwnership([dao.address]);
  // The executor's calls are measured as transactions from its address, as a passed proposal makes them.
  await networkHelpers.impersonateAccount(dao.address);
  await networkHelpers.setBalance(dao.address, parseEther("10"));
  const asDao = { account: dao.address };

  const registry = await viem.deployContract("ModuleRegistry", [dao.address]);
  const devices = await viem.deployContract("DeviceRegistry", [registry.address]);
  const readings = await viem.deployContract("ReadingCommitments", [registry.address, committer.account.address]);
  const energyToken = await viem.deployContract("EnergyToken", [registry.address]);
  const rewardToken = await viem.deployContract("RewardToken", [registry.address]);
  const factory = await viem.deployContract("PoolFactory", []);
  await factory.write.createPool([rewardToken.address, energyToken.address]);
  const pool = await viem.getContractAt(
    "ConstantProductPool",
    await factory.read.getPool([rewardToken.address, energyToken.address]),
  );
  const payments = await viem.deployContract("EnergyPayments", [
    registry.address,
    {
      vault: dao.address,
      rewardWeiPerWh: 10n ** 14n,
      poolRecipient: pool.address, // a gift to the pool's providers once anyone calls sync()
      poolBps: 2_000,
      vaultBps: 1_000,
    },
  ]);
  const storage = await viem.deployContract("StorageNode", [registry.address]);
  const name = (text: string) => stringToHex(text, { size: 32 });
  await registry.write.bootstrap([
    ["devices", "readings", "payments", "storage", "energyToken", "rewardToken", "pools"].map(name),
    [
      devices.address,
      readings.address,
      payments.address,
      storage.address,
      energyToken.address,
      rewardToken.address,
      factory.address,
    ],
  ]);

  // Two operators' generators, approved.
  for (const [i, op] of [operator, newcomer].entries()) {
    await devices.write.applyForDevice(
      [
        {
          key: op.account.address,
          kind: 0,
          ratedPowerW: RATED_POWER_W,
          maxLossBps: 500,
          location: "Oaxaca, MX",
          poolData: "pool=maxgreen",
          hardwareStatus: "ok",
        },
      ],
      { account: op.account },
    );
    await devices.write.approveDevice([BigInt(i + 1)], asDao);
  }

  // One root over 10,000 devices' readings for the first hour of June; both generators are among them.
  const hour = JUNE_2026 / SECONDS_PER_HOUR;
  const keys: Address[] = Array.from(
    { length: READINGS_PER_ROOT },
    (_, i) => `0x${(0xe000_0000n + BigInt(i)).toString(16).padStart(40, "0")}` as Address,
  );
  keys[0] = operator.account.address;
  keys[1] = newcomer.account.address;
  const batch = hourOfReadings(JUNE_2026, keys, 0n);
  const tree = merkleTree(batch.map(readingLeaf));
  const commitGas = await gasOf(
    readings.write.commitRoot([hour, tree.root, READINGS_PER_ROOT], { account: committer.account }),
  );
  const first = batch[0] as Reading;
  if (!(await readings.read.verifyReading([hour, first, tree.proof(readingLeaf(first))]))) {
    throw new Error("the committed tree does not verify a reading on-chain: leaf or tree layout differs");
  }

  // June's last hour committed too: each claim cites its month's [first hour, last hour].
  const lastHour = hour + 30n * 24n - 1n;
  await readings.write.commitRoot([lastHour, keccak256(stringToHex(`hour ${lastHour}`)), 1], {
    account: committer.account,
  });
  const june = (deviceId: bigint, sentWh: bigint) => ({
    deviceId,
    period: 202606,
    firstRootPeriodId: hour,
    lastRootPeriodId: lastHour,
    sentWh,
    readingCount: 720,
    gaps: 0,
    uptimeBps: 9_990,
    lossWh: sentWh / 50n,
  });

  // The deployment's first approval creates the tokens' total supplies and the pool's and vault's balances, once.
  await payments.write.requestPayment([june(1n, 600_000n)], { account: operator.account });
  await payments.write.approvePayment([1n], asDao);
  // The figure: a new operator's first month, whose Energy and Reward Token balances the mint creates.
  await payments.write.requestPayment([june(2n, 600_000n)], { account: newcomer.account });
  const mintGas = await gasOf(payments.write.approvePayment([2n], asDao));

  // The operator provides liquidity and hands the trader some of both tokens; the trader swaps once to hold both.
  for (const token of [rewardToken, energyToken]) {
    await token.write.approve([pool.address, 2n ** 256n - 1n], { account: operator.account });
    await token.write.transfer([trader.account.address, parseEther("10")], { account: operator.account });
    await token.write.approve([pool.address, 2n ** 256n - 1n], { account: trader.account });
  }
  const deadline = (await publicClient.getBlock()).timestamp + 3_600n;
  // 20 Reward Tokens against 400 kWh, in the pool's token order (token0 is the lower address).
  const rewardFirst = BigInt(rewardToken.address) < BigInt(energyToken.address);
  const [amount0, amount1] = rewardFirst
    ? [parseEther("20"), parseEther("400")]
    : [parseEther("400"), parseEther("20")];
  await pool.write.addLiquidity([amount0, amount1, 0n, 0n, operator.account.address, deadline], {
    account: operator.account,
  });
  await pool.write.swapExactIn([rewardToken.address, parseEther("1"), 1n, trader.account.address, deadline], {
    account: trader.account,
  });
  const swapGas = await gasOf(
    pool.write.swapExactIn([energyToken.address, parseEther("5"), 1n, trader.account.address, deadline], {
      account: trader.account,
    }),
  );

  return {
    "gas.commitRoot": commitGas,
    "meter.gasPerReading.10000": Math.ceil(commitGas / READINGS_PER_ROOT),
    "gas.swap": swapGas,
    "gas.mintApproved": mintGas,
  };
}

if (import.meta.main) {
  const figures = await measureEnergyGas();
  for (const [figure, value] of Object.entries(figures)) {
    const budget = ENERGY_GAS_BUDGETS[figure];
    console.log(
      `${figure.padEnd(28)} ${String(value).padStart(8)}  ≤ ${budget}  ${value <= (budget ?? 0) ? "ok" : "MISSED"}`,
    );
  }
}

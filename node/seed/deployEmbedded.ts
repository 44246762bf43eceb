// First start of the embedded chain: deploy D-REX, the measured-energy modules (with the Reward/Energy and
// Energy/Solar pools) and the Distribute Protocol from the operator development account, record the addresses, and
// give every development account Solar Tokens to work with.
import { type Address, type Chain, createWalletClient, custom, parseEther } from "viem";
import { mint } from "../../sdk/actions/token/mint.ts";
import { deployDrex } from "../../sdk/deploy/deployDrex.ts";
import { linkDeviceModules } from "../../sdk/deploy/linkDeviceModules.ts";
import { type DistributePeriods, deployDistribute } from "../../sdk/distribute/deployDistribute.ts";
import { deployEnergy } from "../../sdk/energy/deployEnergy.ts";
import { parseSolar } from "../../sdk/format.ts";
import type { DrexWalletClient } from "../../sdk/types.ts";
import { devAccounts } from "../chain/devAccounts.ts";
import type { Eip1193Provider } from "../chain/eip1193.ts";
import { type Deployment, writeDeployment } from "../deployment.ts";

export const DEV_SOLAR_WEI = parseSolar("50000");

/**
 * The Distribute Protocol's periods on the embedded chain: short enough to show a project from proposal to outcome
 * in a demonstration (with the development clock to skip ahead), long enough to act within each.
 */
export const EMBEDDED_DISTRIBUTE_PERIODS: DistributePeriods = {
  taskListSeconds: 86_400,
  activeSeconds: 7 * 86_400,
  validationSeconds: 6 * 3_600,
  commitSeconds: 6 * 3_600,
  revealSeconds: 6 * 3_600,
};

export type DeployEmbeddedParameters = { provider: Eip1193Provider; chain: Chain; deploymentFile: string };

export function devWallet(provider: Eip1193Provider, chain: Chain, index: number): DrexWalletClient {
  const dev = devAccounts()[index];
  if (!dev) throw new Error(`no development account ${index}`);
  return createWalletClient({ account: dev.account, chain, transport: custom(provider), pollingInterval: 20 });
}

export async function deployEmbedded({
  provider,
  chain,
  deploymentFile,
}: DeployEmbeddedParameters): Promise<Deployment> {
  const operator = devWallet(provider, chain, 0);
  const drex = await deployDrex(operator, {
    sale: { priceWeiPerToken: parseEther("0.001"), trancheTokenWei: parseSolar("1000000") },
  });
  const deployment: Deployment = {
    chainId: chain.id,
    addresses: {
      token: drex.token,
      marketplace: drex.marketplace,
      generatorImplementation: drex.generatorImplementation,
      sale: drex.sale,
    },
    energy: null,
    distribute: null,
    fromBlock: drex.fromBlock,
  };
  for (const dev of devAccounts().slice(1)) {
    await mint(operator, { token: drex.token, to: dev.account.address, amountWei: DEV_SOLAR_WEI });
  }
  const at = (index: number) => devAccounts()[index]?.account.address as Address;
  const energy = await deployEnergy(operator, {
    // The operator and two financiers form the development Technical DAO; a vote lasts an hour of chain time.
    members: [at(0), at(4), at(5)],
    votingDelaySeconds: 0,
    votingPeriodSeconds: 3_600,
    quorumPercent: 50n,
    // The node commits readings' roots with the operator's key.
    committer: at(0),
    // The pool's part of each reward goes to the Reward/Energy pool itself: once anyone calls its `sync`, it belongs
    // to the pool's liquidity providers, who are the ones the reward is meant for (MX5, MX6).
    reward: { rewardWeiPerWh: 10n ** 15n, poolRecipient: "rewardEnergyPool", poolBps: 2_000, vaultBps: 1_000 },
    pools: { solarToken: drex.token },
  });
  const { fromBlock: _energyFromBlock, gasUsed: _energyGas, ...energyAddresses } = energy;
  // A generator's device is a device the Technical DAO approved (DX8, MX1).
  await linkDeviceModules(operator, { marketplace: drex.marketplace, deviceModules: energy.moduleRegistry });
  deployment.energy = energyAddresses;
  // The Distribute Protocol's pool is held in Solar Tokens; the operator registers identities (DS2).
  const {
    fromBlock: _distributeFromBlock,
    gasUsed: _distributeGas,
    ...distribute
  } = await deployDistribute(operator, {
    currency: drex.token,
    floorPriceWeiPerToken: parseSolar("0.01"),
    initialReputation: parseEther("100"),
    registrar: at(0),
    periods: EMBEDDED_DISTRIBUTE_PERIODS,
  });
  deployment.distribute = distribute;
  // Last: a start that died half-way through deploys afresh next time rather than serving a half-funded chain.
  writeDeployment(deploymentFile, deployment);
  return deployment;
}

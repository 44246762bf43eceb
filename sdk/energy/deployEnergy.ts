// Deploys the measured-energy modules (MX1–MX9) and wires them as the contracts' tests do: the Technical DAO over its
// membership (which the DAO then owns), a module registry whose DAO is the governor, every module registered there in
// one bootstrap call.
import { type Abi, type Address, encodeFunctionData, type Hex, stringToHex } from "viem";
import { deployContract, readContract, sendTransaction, waitForTransactionReceipt } from "viem/actions";
import { DeviceRegistryAbi, DeviceRegistryBytecode } from "../abi/DeviceRegistry.ts";
import { EnergyPaymentsAbi, EnergyPaymentsBytecode } from "../abi/EnergyPayments.ts";
import { EnergyTokenAbi, EnergyTokenBytecode } from "../abi/EnergyToken.ts";
import { ModuleRegistryAbi, ModuleRegistryBytecode } from "../abi/ModuleRegistry.ts";
import { PoolFactoryAbi, PoolFactoryBytecode } from "../abi/PoolFactory.ts";
import { ReadingCommitmentsAbi, ReadingCommitmentsBytecode } from "../abi/ReadingCommitments.ts";
import { RewardTokenAbi, RewardTokenBytecode } from "../abi/RewardToken.ts";
import { StorageNodeAbi, StorageNodeBytecode } from "../abi/StorageNode.ts";
import { TechnicalDAOAbi, TechnicalDAOBytecode } from "../abi/TechnicalDAO.ts";
import { TechnicalMembershipAbi, TechnicalMembershipBytecode } from "../abi/TechnicalMembership.ts";
import { DrexError, InvalidParameterError, throwAsContractRevert } from "../errors.ts";
import type { DrexWalletClient } from "../types.ts";

export type EnergyRewardParameters = {
  /** Receives the vault's part of each reward. Default: the DAO (its own vault). */
  vault?: Address;
  /** Reward Token base units minted per watt-hour paid. */
  rewardWeiPerWh: bigint;
  /**
   * Receives the pool's part of each reward: an address, or "rewardEnergyPool" for the Reward Token / Energy Token
   * pool created with the deployment (`pools`), where the tokens become the liquidity providers' once anyone calls the
   * pool's `sync`.
   */
  poolRecipient: Address | "rewardEnergyPool";
  /** The pool's part, basis points. */
  poolBps: number;
  /** The vault's part, basis points. */
  vaultBps: number;
};

export type DeployEnergyParameters = {
  /** The Technical DAO's first members; each holds one vote. */
  members: readonly Address[];
  votingDelaySeconds: number;
  votingPeriodSeconds: number;
  /** The share of all members' votes a proposal needs, percent. */
  quorumPercent: bigint;
  /** The node's key, allowed to commit readings' roots. */
  committer: Address;
  reward: EnergyRewardParameters;
  /** Creates the Reward Token / Energy Token and Energy Token / Solar Token pools through the factory (MX6). */
  pools?: { solarToken: Address };
};

/** The pools created with the deployment. */
export type EnergyPools = {
  /** Reward Token / Energy Token. */
  rewardEnergy: Address;
  /** Energy Token / Solar Token. */
  energySolar: Address;
};

export type EnergyAddresses = {
  membership: Address;
  dao: Address;
  moduleRegistry: Address;
  deviceRegistry: Address;
  readingCommitments: Address;
  energyPayments: Address;
  energyToken: Address;
  rewardToken: Address;
  storageNode: Address;
  poolFactory: Address;
};

/** The modules' addresses and the pools created with them; `pools` is absent for deployments made without. */
export type DeployedEnergy = EnergyAddresses & { pools?: EnergyPools };

export type DeployEnergyReturnType = DeployedEnergy & {
  /** The block of the first deployment: where event scans can start. */
  fromBlock: bigint;
  gasUsed: bigint;
};

/** The module names the registry knows (IModuleRegistry's `EnergyModules`), as bytes32. */
export const ENERGY_MODULE_NAMES = {
  devices: stringToHex("devices", { size: 32 }),
  readings: stringToHex("readings", { size: 32 }),
  payments: stringToHex("payments", { size: 32 }),
  storage: stringToHex("storage", { size: 32 }),
  energyToken: stringToHex("energyToken", { size: 32 }),
  rewardToken: stringToHex("rewardToken", { size: 32 }),
  pools: stringToHex("pools", { size: 32 }),
} as const;

/** Deploys and wires the Technical DAO and every measured-energy module; the registry's bootstrap is closed after. */
export async function deployEnergy(
  client: DrexWalletClient,
  params: DeployEnergyParameters,
): Promise<DeployEnergyReturnType> {
  if (params.members.length === 0) throw new InvalidParameterError("members", "The DAO needs at least one member.");
  let gasUsed = 0n;
  let fromBlock: bigint | undefined;
  const mined = async (name: string, hash: Hex) => {
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== "success") throw new DrexError(`${name} failed.`, { details: `transaction ${hash}` });
    gasUsed += receipt.gasUsed;
    fromBlock ??= receipt.blockNumber;
    return receipt;
  };
  const deploy = async (name: string, abi: Abi, bytecode: Hex, args: readonly unknown[]): Promise<Address> => {
    let hash: Hex;
    try {
      hash = await deployContract(client, {
        abi,
        bytecode,
        args,
        account: client.account,
        chain: client.chain,
      } as never);
    } catch (error) {
      throwAsContractRevert(error);
    }
    const receipt = await mined(`Deploying ${name}`, hash);
    if (!receipt.contractAddress) throw new DrexError(`Deploying ${name} failed.`, { details: `transaction ${hash}` });
    return receipt.contractAddress;
  };
  const call = async (name: string, to: Address, data: Hex) => {
    let hash: Hex;
    try {
      hash = await sendTransaction(client, { to, data, account: client.account, chain: client.chain });
    } catch (error) {
      throwAsContractRevert(error);
    }
    await mined(name, hash);
  };

  const membership = await deploy("TechnicalMembership", TechnicalMembershipAbi, TechnicalMembershipBytecode, [
    params.members,
  ]);
  const dao = await deploy("TechnicalDAO", TechnicalDAOAbi, TechnicalDAOBytecode, [
    membership,
    params.votingDelaySeconds,
    params.votingPeriodSeconds,
    params.quorumPercent,
  ]);
  await call(
    "Handing the membership to the DAO",
    membership,
    encodeFunctionData({ abi: TechnicalMembershipAbi, functionName: "transferOwnership", args: [dao] }),
  );
  const moduleRegistry = await deploy("ModuleRegistry", ModuleRegistryAbi, ModuleRegistryBytecode, [dao]);
  const deviceRegistry = await deploy("DeviceRegistry", DeviceRegistryAbi, DeviceRegistryBytecode, [moduleRegistry]);
  const readingCommitments = await deploy("ReadingCommitments", ReadingCommitmentsAbi, ReadingCommitmentsBytecode, [
    moduleRegistry,
    params.committer,
  ]);
  // The tokens and the factory first: the reward's pool recipient may be a pool of both tokens.
  const energyToken = await deploy("EnergyToken", EnergyTokenAbi, EnergyTokenBytecode, [moduleRegistry]);
  const rewardToken = await deploy("RewardToken", RewardTokenAbi, RewardTokenBytecode, [moduleRegistry]);
  const poolFactory = await deploy("PoolFactory", PoolFactoryAbi, PoolFactoryBytecode, []);
  let pools: EnergyPools | undefined;
  if (params.pools) {
    const createPool = async (name: string, tokenA: Address, tokenB: Address): Promise<Address> => {
      await call(
        `Creating the ${name} pool`,
        poolFactory,
        encodeFunctionData({ abi: PoolFactoryAbi, functionName: "createPool", args: [tokenA, tokenB] }),
      );
      return readContract(client, {
        address: poolFactory,
        abi: PoolFactoryAbi,
        functionName: "getPool",
        args: [tokenA, tokenB],
      });
    };
    pools = {
      rewardEnergy: await createPool("Reward/Energy", rewardToken, energyToken),
      energySolar: await createPool("Energy/Solar", energyToken, params.pools.solarToken),
    };
  }
  let poolRecipient: Address;
  if (params.reward.poolRecipient !== "rewardEnergyPool") poolRecipient = params.reward.poolRecipient;
  else if (pools) poolRecipient = pools.rewardEnergy;
  else {
    throw new InvalidParameterError(
      "reward.poolRecipient",
      "The Reward/Energy pool exists only when `pools` is given.",
    );
  }
  const energyPayments = await deploy("EnergyPayments", EnergyPaymentsAbi, EnergyPaymentsBytecode, [
    moduleRegistry,
    {
      vault: params.reward.vault ?? dao,
      rewardWeiPerWh: params.reward.rewardWeiPerWh,
      poolRecipient,
      poolBps: params.reward.poolBps,
      vaultBps: params.reward.vaultBps,
    },
  ]);
  const storageNode = await deploy("StorageNode", StorageNodeAbi, StorageNodeBytecode, [moduleRegistry]);
  const n = ENERGY_MODULE_NAMES;
  await call(
    "Registering the modules",
    moduleRegistry,
    encodeFunctionData({
      abi: ModuleRegistryAbi,
      functionName: "bootstrap",
      args: [
        [n.devices, n.readings, n.payments, n.storage, n.energyToken, n.rewardToken, n.pools],
        [deviceRegistry, readingCommitments, energyPayments, storageNode, energyToken, rewardToken, poolFactory],
      ],
    }),
  );
  return {
    membership,
    dao,
    moduleRegistry,
    deviceRegistry,
    readingCommitments,
    energyPayments,
    energyToken,
    rewardToken,
    storageNode,
    poolFactory,
    ...(pools ? { pools } : {}),
    fromBlock: fromBlock ?? 0n,
    gasUsed,
  };
}

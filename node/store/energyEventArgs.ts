// The energy events the index follows, by contract, and how their decoded arguments are kept: JSON with every
// bigint (arrays of them included) as its decimal string, turned back into bigint by the ABI on the way out.
import type { AbiEvent } from "viem";
import { ConstantProductPoolAbi } from "../../sdk/abi/ConstantProductPool.ts";
import { DeviceRegistryAbi } from "../../sdk/abi/DeviceRegistry.ts";
import { EnergyPaymentsAbi } from "../../sdk/abi/EnergyPayments.ts";
import { EnergyTokenAbi } from "../../sdk/abi/EnergyToken.ts";
import { PoolFactoryAbi } from "../../sdk/abi/PoolFactory.ts";
import { ReadingCommitmentsAbi } from "../../sdk/abi/ReadingCommitments.ts";
import { RewardTokenAbi } from "../../sdk/abi/RewardToken.ts";
import { StorageNodeAbi } from "../../sdk/abi/StorageNode.ts";
import { TechnicalDAOAbi } from "../../sdk/abi/TechnicalDAO.ts";
import { TechnicalMembershipAbi } from "../../sdk/abi/TechnicalMembership.ts";
import { ENERGY_EVENTS } from "./energyTables.ts";
import type { EnergyContractKind, EnergyEventRow } from "./energyViews.ts";
import { abiEvents, argsDecoder, encodeArgs } from "./eventArgs.ts";
import { decodeRow } from "./tables.ts";

const ERC20_TRANSFER = ["Transfer"];

/** Per contract, its ABI and the events the energy reducer reads; any other event of theirs is not kept. */
export const ENERGY_CONTRACTS: Record<EnergyContractKind, { abi: readonly unknown[]; events: readonly string[] }> = {
  membership: { abi: TechnicalMembershipAbi, events: ["MemberAdded", "MemberRemoved"] },
  dao: {
    abi: TechnicalDAOAbi,
    events: [
      "ProposalCreated",
      "VoteCast",
      "VoteCastWithParams",
      "ProposalExecuted",
      "ProposalCanceled",
      "QuorumNumeratorUpdated",
      "VotingDelaySet",
      "VotingPeriodSet",
    ],
  },
  deviceRegistry: {
    abi: DeviceRegistryAbi,
    events: [
      "DeviceApplied",
      "DeviceApproved",
      "DeviceRejected",
      "DeviceSuspended",
      "DeviceReinstated",
      "DeviceRevoked",
      "AttributesUpdated",
      "RatingsUpdated",
      "DeviceKeyChanged",
    ],
  },
  readingCommitments: { abi: ReadingCommitmentsAbi, events: ["RootCommitted"] },
  energyPayments: {
    abi: EnergyPaymentsAbi,
    events: ["PaymentRequested", "PaymentApproved", "PaymentRefused", "RewardParametersSet"],
  },
  storageNode: {
    abi: StorageNodeAbi,
    events: ["StoreRequested", "StoreConfirmed", "ExcessiveLoss", "TakeOutRequested", "TakeOutCompleted"],
  },
  poolFactory: { abi: PoolFactoryAbi, events: ["PoolCreated"] },
  pool: { abi: ConstantProductPoolAbi, events: ["LiquidityAdded", "LiquidityRemoved", "Swap", "Sync", "Transfer"] },
  energyToken: { abi: EnergyTokenAbi, events: ERC20_TRANSFER },
  rewardToken: { abi: RewardTokenAbi, events: ERC20_TRANSFER },
};

export const ENERGY_KINDS = Object.keys(ENERGY_CONTRACTS) as EnergyContractKind[];

/** The ABI events of one energy contract that the index keeps. */
export function energyEventsOf(contract: EnergyContractKind): AbiEvent[] {
  const { abi, events } = ENERGY_CONTRACTS[contract];
  return abiEvents(abi, events);
}

export const decodeEnergyArgs = argsDecoder(ENERGY_KINDS, energyEventsOf);

/** An energy event as the energy_events table holds it: args as JSON. */
export function energyEventRecord(row: EnergyEventRow): Record<string, unknown> {
  return { ...row, args: encodeArgs(row.args) };
}

/** A row of the energy_events table as the reducer replays it. */
export function energyEventFromRow(raw: Record<string, unknown>): EnergyEventRow {
  const row = decodeRow<EnergyEventRow & { args: string }>(ENERGY_EVENTS, raw);
  return { ...row, args: decodeEnergyArgs(row.contract, row.eventName, row.args) };
}

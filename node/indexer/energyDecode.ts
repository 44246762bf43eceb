// From raw logs to energy event rows: which energy contract emitted a log (pools are learnt as the factory creates
// them) and its decoded arguments.
import { type AbiEvent, type Hex, toEventSelector } from "viem";
import type { EnergyAddresses } from "../../sdk/energy/deployEnergy.ts";
import { ENERGY_KINDS, energyEventsOf } from "../store/energyEventArgs.ts";
import type { EnergyContractKind, EnergyEventRow } from "../store/energyViews.ts";
import { type ContractDirectory, decodeEventRow, type RawLog } from "./decodeLog.ts";

const EVENT_BY_TOPIC = new Map<string, readonly [AbiEvent]>();
for (const kind of ENERGY_KINDS) {
  for (const event of energyEventsOf(kind)) EVENT_BY_TOPIC.set(`${kind}:${toEventSelector(event)}`, [event]);
}

/** Every energy event signature the index keeps: added to the indexer's eth_getLogs topic filter. */
export const ENERGY_EVENT_TOPICS: Hex[] = [
  ...new Set([...EVENT_BY_TOPIC.keys()].map((key) => key.split(":")[1] as Hex)),
];

/** The deployment's fields that hold one contract's address each. */
type AddressField = Exclude<EnergyContractKind, "pool">;

const FIXED: [AddressField, EnergyContractKind][] = [
  ["membership", "membership"],
  ["dao", "dao"],
  ["deviceRegistry", "deviceRegistry"],
  ["readingCommitments", "readingCommitments"],
  ["energyPayments", "energyPayments"],
  ["storageNode", "storageNode"],
  ["poolFactory", "poolFactory"],
  ["energyToken", "energyToken"],
  ["rewardToken", "rewardToken"],
];

/** Names the energy contract behind a log address; null for a deployment without the energy modules. */
export class EnergyDirectory {
  private readonly fixed = new Map<string, EnergyContractKind>();
  private readonly isPool: (lowerCaseAddress: string) => boolean;

  constructor(addresses: Pick<EnergyAddresses, AddressField> | null, isPool: (lowerCaseAddress: string) => boolean) {
    if (addresses !== null) for (const [field, kind] of FIXED) this.fixed.set(addresses[field].toLowerCase(), kind);
    this.isPool = isPool;
  }

  kindOf(address: Hex): EnergyContractKind | null {
    const lower = address.toLowerCase();
    return this.fixed.get(lower) ?? (this.isPool(lower) ? "pool" : null);
  }
}

/** The row of an energy log, or null when it is an event of that contract the index does not keep. */
export function decodeEnergyLog(
  log: RawLog,
  contract: EnergyContractKind,
  directory: ContractDirectory,
  timestamp: bigint,
): EnergyEventRow | null {
  const abi = EVENT_BY_TOPIC.get(`${contract}:${log.topics[0]}`);
  // A signature shared with an event another contract emits (an ERC-721 Transfer of a membership, say).
  if (abi === undefined) return null;
  return decodeEventRow(log, contract, abi, directory, timestamp);
}

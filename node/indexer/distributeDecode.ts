// From raw logs to Distribute event rows: which Distribute contract emitted a log and its decoded arguments.
import { type AbiEvent, type Hex, toEventSelector } from "viem";
import type { DistributeAddresses } from "../../sdk/distribute/deployDistribute.ts";
import { DISTRIBUTE_KINDS, distributeEventsOf } from "../store/distributeEventArgs.ts";
import type { DistributeContractKind, DistributeEventRow } from "../store/distributeViews.ts";
import { type ContractDirectory, decodeEventRow, type RawLog } from "./decodeLog.ts";

const EVENT_BY_TOPIC = new Map<string, readonly [AbiEvent]>();
for (const kind of DISTRIBUTE_KINDS) {
  for (const event of distributeEventsOf(kind)) EVENT_BY_TOPIC.set(`${kind}:${toEventSelector(event)}`, [event]);
}

/** Every Distribute event signature the index keeps: added to the indexer's eth_getLogs topic filter. */
export const DISTRIBUTE_EVENT_TOPICS: Hex[] = [
  ...new Set([...EVENT_BY_TOPIC.keys()].map((key) => key.split(":")[1] as Hex)),
];

/** Names the Distribute contract behind a log address; knows none for a deployment without the protocol. */
export class DistributeDirectory {
  private readonly byAddress = new Map<string, DistributeContractKind>();

  constructor(addresses: DistributeAddresses | null) {
    if (addresses !== null)
      for (const kind of DISTRIBUTE_KINDS) this.byAddress.set(addresses[kind].toLowerCase(), kind);
  }

  kindOf(address: Hex): DistributeContractKind | null {
    return this.byAddress.get(address.toLowerCase()) ?? null;
  }
}

/** The row of a Distribute log, or null when it is an event of that contract the index does not keep. */
export function decodeDistributeLog(
  log: RawLog,
  contract: DistributeContractKind,
  directory: ContractDirectory,
  timestamp: bigint,
): DistributeEventRow | null {
  const abi = EVENT_BY_TOPIC.get(`${contract}:${log.topics[0]}`);
  // Another event of the contract (a role granted, an approval): not part of the index.
  if (abi === undefined) return null;
  return decodeEventRow(log, contract, abi, directory, timestamp);
}

// From raw eth_getLogs entries to activity rows: which D-REX contract emitted a log, and its decoded arguments.
import { type AbiEvent, type Address, decodeEventLog, getAddress, type Hex, hexToBigInt, toEventSelector } from "viem";
import type { DrexAddresses } from "../../sdk/types.ts";
import { type ContractKind, eventsOf } from "../store/eventArgs.ts";
import type { ActivityRow } from "../store/views.ts";

/** A log as eth_getLogs returns it. `blockTimestamp` is there on newer nodes (EDR, geth ≥ 1.16), absent on others. */
export type RawLog = {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  logIndex: Hex;
  transactionHash: Hex;
  blockTimestamp?: Hex | null;
  removed?: boolean;
};

/** Activity ids are blockNumber * 100,000 + logIndex (views.ts), so a block may hold at most this many logs. */
export const LOGS_PER_BLOCK_ID_SPACE = 100_000n;

export class LogIndexOverflowError extends Error {
  override name = "LogIndexOverflowError";
  readonly blockNumber: bigint;
  readonly logIndex: number;
  constructor(blockNumber: bigint, logIndex: number) {
    super(`block ${blockNumber} has a log at index ${logIndex}: past the 100,000 logs an activity id can number`);
    this.blockNumber = blockNumber;
    this.logIndex = logIndex;
  }
}

const KINDS: ContractKind[] = ["token", "sale", "marketplace", "generator"];

/** One-event ABIs by `${contract}:${topic0}`: decodeEventLog then hashes one signature, not the whole ABI's. */
const EVENT_BY_TOPIC = new Map<string, readonly [AbiEvent]>();
for (const kind of KINDS) {
  for (const event of eventsOf(kind)) EVENT_BY_TOPIC.set(`${kind}:${toEventSelector(event)}`, [event]);
}

/** Every D-REX event signature: the topic0 filter of the indexer's eth_getLogs. */
export const DREX_EVENT_TOPICS: Hex[] = [...new Set([...EVENT_BY_TOPIC.keys()].map((key) => key.split(":")[1] as Hex))];

/** Names the contract behind a log address; generators are learnt as the marketplace creates them. */
export class ContractDirectory {
  private readonly fixed = new Map<string, ContractKind>();
  private readonly isGenerator: (lowerCaseAddress: string) => boolean;
  private readonly checksummed = new Map<string, Address>();

  constructor(addresses: DrexAddresses, isGenerator: (lowerCaseAddress: string) => boolean) {
    this.fixed.set(addresses.token.toLowerCase(), "token");
    this.fixed.set(addresses.marketplace.toLowerCase(), "marketplace");
    if (addresses.sale !== null) this.fixed.set(addresses.sale.toLowerCase(), "sale");
    this.isGenerator = isGenerator;
  }

  kindOf(address: Hex): ContractKind | null {
    const lower = address.toLowerCase();
    return this.fixed.get(lower) ?? (this.isGenerator(lower) ? "generator" : null);
  }

  checksum(address: Hex): Address {
    let checksummed = this.checksummed.get(address);
    if (checksummed === undefined) {
      checksummed = getAddress(address);
      this.checksummed.set(address, checksummed);
    }
    return checksummed;
  }
}

export class UndecodableLogError extends Error {
  override name = "UndecodableLogError";
  readonly transactionHash: Hex;
  readonly logIndex: number;
  constructor(log: RawLog, contract: string, cause: unknown) {
    super(`cannot decode log ${Number(log.logIndex)} of ${log.transactionHash} as a ${contract} event`, { cause });
    this.transactionHash = log.transactionHash;
    this.logIndex = Number(log.logIndex);
  }
}

/** A log decoded with its event's ABI: the row every projection (D-REX, energy, Distribute) keeps. */
export type DecodedEventRow<K extends string> = {
  id: bigint;
  blockNumber: bigint;
  logIndex: number;
  timestamp: bigint;
  transactionHash: Hex;
  contract: K;
  address: Address;
  eventName: string;
  args: Record<string, unknown>;
};

/** Decodes a log of `contract` with the event ABI its first topic names. */
export function decodeEventRow<K extends string>(
  log: RawLog,
  contract: K,
  abi: readonly [AbiEvent],
  directory: ContractDirectory,
  timestamp: bigint,
): DecodedEventRow<K> {
  const blockNumber = hexToBigInt(log.blockNumber);
  const logIndex = Number(log.logIndex);
  if (BigInt(logIndex) >= LOGS_PER_BLOCK_ID_SPACE) throw new LogIndexOverflowError(blockNumber, logIndex);
  let decoded: { eventName: string; args: unknown };
  try {
    decoded = decodeEventLog({ abi, topics: log.topics as [Hex, ...Hex[]], data: log.data, strict: true });
  } catch (error) {
    throw new UndecodableLogError(log, contract, error);
  }
  return {
    id: blockNumber * LOGS_PER_BLOCK_ID_SPACE + BigInt(logIndex),
    blockNumber,
    logIndex,
    timestamp,
    transactionHash: log.transactionHash,
    contract,
    address: directory.checksum(log.address),
    eventName: decoded.eventName,
    args: { ...(decoded.args as Record<string, unknown>) },
  };
}

export function decodeLog(
  log: RawLog,
  contract: ContractKind,
  directory: ContractDirectory,
  timestamp: bigint,
): ActivityRow {
  const abi = EVENT_BY_TOPIC.get(`${contract}:${log.topics[0]}`);
  if (abi === undefined) throw new UndecodableLogError(log, contract, new Error(`unknown topic ${log.topics[0]}`));
  return decodeEventRow(log, contract, abi, directory, timestamp);
}

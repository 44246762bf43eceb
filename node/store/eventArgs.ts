// How an event's decoded arguments are kept: JSON with every bigint as its decimal string, turned back into bigint on
// the way out by the ABI, so an ActivityRow read from the store equals the one viem decoded from the log.
import type { AbiEvent } from "viem";
import { GeneratorAbi } from "../../sdk/abi/Generator.ts";
import { MarketplaceAbi } from "../../sdk/abi/Marketplace.ts";
import { SolarTokenAbi } from "../../sdk/abi/SolarToken.ts";
import { SolarTokenSaleAbi } from "../../sdk/abi/SolarTokenSale.ts";
import type { ActivityRow } from "./views.ts";

export type ContractKind = ActivityRow["contract"];

export const CONTRACT_ABIS = {
  token: SolarTokenAbi,
  sale: SolarTokenSaleAbi,
  marketplace: MarketplaceAbi,
  generator: GeneratorAbi,
} as const;

/** The events of an ABI; only those named when `names` is given. */
export function abiEvents(abi: readonly unknown[], names?: readonly string[]): AbiEvent[] {
  return (abi as { type: string; name?: string }[]).filter(
    (item) => item.type === "event" && (names === undefined || names.includes(item.name ?? "")),
  ) as AbiEvent[];
}

/** The ABI events of one kind of contract. */
export function eventsOf(contract: ContractKind): AbiEvent[] {
  return abiEvents(CONTRACT_ABIS[contract]);
}

// viem decodes integers wider than 48 bits to bigint and narrower ones to number; JSON keeps numbers as they are.
const isBigIntType = (type: string): boolean => {
  const match = /^u?int(\d*)(\[\d*\])?$/.exec(type);
  return match !== null && (match[1] === "" || Number(match[1]) > 48);
};

/**
 * Turns the stored JSON arguments of the contracts' events back into what viem decoded: every integer wider than 48
 * bits, alone or in an array, a bigint again.
 */
export function argsDecoder<K extends string>(
  contracts: readonly K[],
  eventsOfContract: (contract: K) => AbiEvent[],
): (contract: K, eventName: string, json: string) => Record<string, unknown> {
  const bigIntArgs = new Map<string, string[]>();
  for (const contract of contracts) {
    for (const event of eventsOfContract(contract)) {
      bigIntArgs.set(
        `${contract}.${event.name}`,
        event.inputs.filter((input) => isBigIntType(input.type)).map((input) => input.name ?? ""),
      );
    }
  }
  return (contract, eventName, json) => {
    const names = bigIntArgs.get(`${contract}.${eventName}`);
    if (names === undefined) throw new UnknownEventError(contract, eventName);
    const args = JSON.parse(json) as Record<string, unknown>;
    for (const name of names) {
      const value = args[name];
      if (typeof value === "string") args[name] = BigInt(value);
      else if (Array.isArray(value)) args[name] = value.map((v) => BigInt(v as string));
    }
    return args;
  };
}

const addressArgNames = new Map<string, string[]>();
for (const contract of Object.keys(CONTRACT_ABIS) as ContractKind[]) {
  for (const event of eventsOf(contract)) {
    addressArgNames.set(
      `${contract}.${event.name}`,
      event.inputs.filter((input) => input.type === "address").map((input) => input.name ?? ""),
    );
  }
}

export class UnknownEventError extends Error {
  override name = "UnknownEventError";
  readonly contract: string;
  readonly eventName: string;
  constructor(contract: string, eventName: string) {
    super(`no ${eventName} event in the ${contract} ABI`);
    this.contract = contract;
    this.eventName = eventName;
  }
}

export function encodeArgs(args: Record<string, unknown>): string {
  return JSON.stringify(args, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
}

export const decodeArgs = argsDecoder(Object.keys(CONTRACT_ABIS) as ContractKind[], eventsOf);

/** The addresses an event names in its arguments (at most two in every D-REX event), for the activity filter. */
export function accountsOf(row: Pick<ActivityRow, "contract" | "eventName" | "args">): [string | null, string | null] {
  const names = addressArgNames.get(`${row.contract}.${row.eventName}`);
  if (names === undefined) throw new UnknownEventError(row.contract, row.eventName);
  const first = names[0] === undefined ? null : (row.args[names[0]] as string);
  const second = names[1] === undefined ? null : (row.args[names[1]] as string);
  return [first, second];
}

/** An activity row as the events table holds it: args as JSON, and the addresses it names, for the feed's filter. */
export function eventRecord(row: ActivityRow): Record<string, unknown> {
  const [account1, account2] = accountsOf(row);
  return { ...row, args: encodeArgs(row.args), account1, account2 };
}

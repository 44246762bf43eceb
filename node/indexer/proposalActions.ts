// What a Technical DAO proposal would do: each call decoded against the energy contract it targets, and the device or
// payment request it is about (MX1, MX4, MX9).
import { type Abi, type Address, decodeFunctionData, getAddress, type Hex } from "viem";
import { DeviceRegistryAbi } from "../../sdk/abi/DeviceRegistry.ts";
import { EnergyPaymentsAbi } from "../../sdk/abi/EnergyPayments.ts";
import { ModuleRegistryAbi } from "../../sdk/abi/ModuleRegistry.ts";
import { TechnicalDAOAbi } from "../../sdk/abi/TechnicalDAO.ts";
import { TechnicalMembershipAbi } from "../../sdk/abi/TechnicalMembership.ts";
import type { EnergyAddresses } from "../../sdk/energy/deployEnergy.ts";
import type { ProposalSubjectKind } from "../store/energyViews.ts";

export type ActionContract = "deviceRegistry" | "energyPayments" | "membership" | "moduleRegistry" | "dao" | "other";

export type ProposalAction = {
  target: Address;
  contract: ActionContract;
  /** Null when the target is not an energy contract or the calldata matches none of its functions. */
  functionName: string | null;
  args: Record<string, string>;
};

type AddressField = "deviceRegistry" | "energyPayments" | "membership" | "moduleRegistry" | "dao";

const ABIS: [AddressField, Exclude<ActionContract, "other">, Abi][] = [
  ["deviceRegistry", "deviceRegistry", DeviceRegistryAbi as Abi],
  ["energyPayments", "energyPayments", EnergyPaymentsAbi as Abi],
  ["membership", "membership", TechnicalMembershipAbi as Abi],
  ["moduleRegistry", "moduleRegistry", ModuleRegistryAbi as Abi],
  ["dao", "dao", TechnicalDAOAbi as Abi],
];

const text = (value: unknown): string =>
  typeof value === "string"
    ? value
    : typeof value === "bigint" || typeof value === "number" || typeof value === "boolean"
      ? value.toString()
      : JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

export function decodeActions(
  energy: Pick<EnergyAddresses, AddressField> | null,
  targets: readonly string[],
  calldatas: readonly string[],
): ProposalAction[] {
  return targets.map((rawTarget, i) => {
    const target = getAddress(rawTarget);
    const known =
      energy === null ? undefined : ABIS.find(([field]) => energy[field].toLowerCase() === target.toLowerCase());
    if (known === undefined) return { target, contract: "other", functionName: null, args: {} };
    const [, contract, abi] = known;
    try {
      const decoded = decodeFunctionData({ abi, data: (calldatas[i] ?? "0x") as Hex });
      const item = abi.find((x) => x.type === "function" && x.name === decoded.functionName) as
        | { inputs: readonly { name?: string }[] }
        | undefined;
      const args: Record<string, string> = {};
      (decoded.args ?? []).forEach((value, j) => {
        args[item?.inputs[j]?.name || `arg${j}`] = text(value);
      });
      return { target, contract, functionName: decoded.functionName, args };
    } catch {
      return { target, contract, functionName: null, args: {} };
    }
  });
}

/** Ids beyond this name nothing that exists (the contracts count from 1) and would not fit the index's columns. */
const MAX_SUBJECT_ID = (1n << 63n) - 1n;

const PAYMENT_FUNCTIONS = new Set(["approvePayment", "refusePayment"]);

/** The first device or payment request the proposal's calls name. */
export function subjectOf(actions: readonly ProposalAction[]): { kind: ProposalSubjectKind; id: bigint } | null {
  for (const action of actions) {
    const deviceId = action.args.deviceId;
    if (action.contract === "deviceRegistry" && deviceId !== undefined && BigInt(deviceId) <= MAX_SUBJECT_ID) {
      return { kind: "device", id: BigInt(deviceId) };
    }
    const requestId = action.args.requestId;
    if (
      action.contract === "energyPayments" &&
      PAYMENT_FUNCTIONS.has(action.functionName ?? "") &&
      requestId !== undefined &&
      BigInt(requestId) <= MAX_SUBJECT_ID
    ) {
      return { kind: "payment", id: BigInt(requestId) };
    }
  }
  return null;
}

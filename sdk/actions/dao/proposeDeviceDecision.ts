import { type Address, encodeFunctionData, type Hex } from "viem";
import { DeviceRegistryAbi } from "../../abi/DeviceRegistry.ts";
import { InvalidParameterError } from "../../errors.ts";
import type { DrexWalletClient } from "../../types.ts";
import { type SubmitProposalReturnType, submitProposal } from "./proposalCalls.ts";

/** What the Technical DAO may decide about a device. */
export const DEVICE_DECISIONS = ["approve", "reject", "suspend", "reinstate", "revoke"] as const;
export type DeviceDecision = (typeof DEVICE_DECISIONS)[number];

const DECISION_FUNCTION = {
  approve: "approveDevice",
  reject: "rejectDevice",
  suspend: "suspendDevice",
  reinstate: "reinstateDevice",
  revoke: "revokeDevice",
} as const;
/** The registry refuses these without a reason, but only when the proposal is executed: so it is checked here. */
const DECISIONS_WITH_REASON: readonly DeviceDecision[] = ["reject", "suspend", "revoke"];

export type DeviceDecisionCallParameters = {
  deviceRegistry: Address;
  deviceId: bigint;
  decision: DeviceDecision;
  /** Required to reject, suspend or revoke (kept on-chain); for the other decisions it goes in the description. */
  reason?: string | undefined;
};

/** The registry call a device decision makes, and the description it gets by default ("Approve device 3"). */
export function deviceDecisionCall(params: DeviceDecisionCallParameters): {
  target: Address;
  calldata: Hex;
  defaultDescription: string;
} {
  const reason = params.reason?.trim() ?? "";
  const needsReason = DECISIONS_WITH_REASON.includes(params.decision);
  if (needsReason && reason === "") {
    throw new InvalidParameterError("reason", `A decision to ${params.decision} a device needs a reason.`);
  }
  const functionName = DECISION_FUNCTION[params.decision];
  const calldata = needsReason
    ? encodeFunctionData({ abi: DeviceRegistryAbi, functionName, args: [params.deviceId, reason] } as never)
    : encodeFunctionData({ abi: DeviceRegistryAbi, functionName, args: [params.deviceId] } as never);
  const verb = params.decision[0]?.toUpperCase() + params.decision.slice(1);
  return {
    target: params.deviceRegistry,
    calldata: calldata as Hex,
    defaultDescription: `${verb} device ${params.deviceId}${reason === "" ? "" : `: ${reason}`}`,
  };
}

export type ProposeDeviceDecisionParameters = DeviceDecisionCallParameters & {
  dao: Address;
  /**
   * The proposal's description, used as given. By default "Approve device 3" (with ": reason" when there is one),
   * and, since the Governor refuses a second proposal with the same calls and description, " (#2)", " (#3)", …
   * appended when an identical proposal exists already.
   */
  description?: string;
};

export type ProposeDeviceDecisionReturnType = SubmitProposalReturnType;

/** A member of the Technical DAO proposes to approve, reject, suspend, reinstate or revoke a device (MX1). */
export async function proposeDeviceDecision(
  client: DrexWalletClient,
  params: ProposeDeviceDecisionParameters,
): Promise<ProposeDeviceDecisionReturnType> {
  return submitProposal(client, params.dao, deviceDecisionCall(params), params.description);
}

import { type Address, encodeFunctionData, type Hex } from "viem";
import { EnergyPaymentsAbi } from "../../abi/EnergyPayments.ts";
import { InvalidParameterError } from "../../errors.ts";
import type { DrexWalletClient } from "../../types.ts";
import { type SubmitProposalReturnType, submitProposal } from "./proposalCalls.ts";

/** What the Technical DAO may decide about a payment request. */
export const PAYMENT_DECISIONS = ["approve", "refuse"] as const;
export type PaymentDecision = (typeof PAYMENT_DECISIONS)[number];

export type PaymentDecisionCallParameters = {
  energyPayments: Address;
  requestId: bigint;
  decision: PaymentDecision;
  /** Required to refuse (kept on-chain, at most 512 bytes); for an approval it goes in the description. */
  reason?: string | undefined;
};

/** The EnergyPayments call a payment decision makes, and its default description ("Approve payment request 4"). */
export function paymentDecisionCall(params: PaymentDecisionCallParameters): {
  target: Address;
  calldata: Hex;
  defaultDescription: string;
} {
  const reason = params.reason?.trim() ?? "";
  if (params.decision === "refuse" && reason === "") {
    throw new InvalidParameterError("reason", "A refusal of a payment needs a reason.");
  }
  const calldata =
    params.decision === "approve"
      ? encodeFunctionData({ abi: EnergyPaymentsAbi, functionName: "approvePayment", args: [params.requestId] })
      : encodeFunctionData({ abi: EnergyPaymentsAbi, functionName: "refusePayment", args: [params.requestId, reason] });
  const verb = params.decision === "approve" ? "Approve" : "Refuse";
  return {
    target: params.energyPayments,
    calldata,
    defaultDescription: `${verb} payment request ${params.requestId}${reason === "" ? "" : `: ${reason}`}`,
  };
}

export type ProposePaymentDecisionParameters = PaymentDecisionCallParameters & {
  dao: Address;
  /** Used as given; by default as for device decisions, made unique with " (#2)", … (see proposeDeviceDecision). */
  description?: string;
};

export type ProposePaymentDecisionReturnType = SubmitProposalReturnType;

/** A member of the Technical DAO proposes to approve (and so mint, MX5) or refuse a payment request (MX4). */
export async function proposePaymentDecision(
  client: DrexWalletClient,
  params: ProposePaymentDecisionParameters,
): Promise<ProposePaymentDecisionReturnType> {
  return submitProposal(client, params.dao, paymentDecisionCall(params), params.description);
}

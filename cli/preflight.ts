// Funding, activating and buying each send an approval before the call that spends it. Simulating the call first
// means a call that would fail for any other reason (wrong status, overfunding, wrong caller) fails before the
// approval is sent and paid for. The contracts check everything before they pull tokens, so an allowance shortfall
// is the one refusal the approval will cure; a balance shortfall hides behind it and is checked here directly.
import type { Abi, Address } from "viem";
import { simulateContract } from "viem/actions";
import { getSolarBalance } from "../sdk/actions/token/getSolarBalance.ts";
import { toContractRevertError } from "../sdk/errors.ts";
import { formatSolar } from "../sdk/format.ts";
import type { SigningContext } from "./context.ts";
import { CliError } from "./errors.ts";

export type SpendingCall = {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
  /** Solar Token base units the call will pull from the sender. */
  spendWei: bigint;
};

export async function simulateBeforeApproval(context: SigningContext, call: SpendingCall): Promise<void> {
  try {
    await simulateContract(context.publicClient, {
      account: context.account,
      address: call.address,
      abi: call.abi,
      functionName: call.functionName,
      args: call.args,
    });
    return;
  } catch (error) {
    const revert = toContractRevertError(error);
    if (revert?.errorName !== "ERC20InsufficientAllowance") throw revert ?? error;
  }
  const balanceWei = await getSolarBalance(context.publicClient, {
    token: context.deployment.addresses.token,
    account: context.account,
  });
  if (balanceWei < call.spendWei) {
    throw new CliError(
      `${context.account} has ${formatSolar(balanceWei)}, less than the ${formatSolar(call.spendWei)} needed`,
    );
  }
}

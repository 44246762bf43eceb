import { type Address, keccak256, stringToHex } from "viem";
import { TechnicalDAOAbi } from "../../abi/TechnicalDAO.ts";
import { InvalidParameterError } from "../../errors.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { findProposalRecord, type ProposalCalls, proposalIdOf } from "./proposalCalls.ts";

export type ExecuteProposalParameters = {
  dao: Address;
  proposalId: bigint;
} & (
  | {
      /** The proposal's calls and description, as proposed; checked against `proposalId`. */
      calls: ProposalCalls;
    }
  | {
      calls?: undefined;
      /** Where to start looking for the proposal's ProposalCreated log (the deployment's block). Default 0. */
      fromBlock?: bigint;
    }
);

export type ExecuteProposalReturnType = WriteResult & ProposalCalls;

/**
 * Anyone executes a proposal that passed: the DAO makes its calls (approving a device, a payment, a module update…).
 * Without the calls, they are read from the proposal's ProposalCreated log.
 */
export async function executeProposal(
  client: DrexWalletClient,
  params: ExecuteProposalParameters,
): Promise<ExecuteProposalReturnType> {
  let calls: ProposalCalls;
  if (params.calls !== undefined) {
    if (proposalIdOf(params.calls) !== params.proposalId) {
      throw new InvalidParameterError("calls", `Those calls and description are not proposal ${params.proposalId}.`);
    }
    calls = params.calls;
  } else {
    const record = await findProposalRecord(client, params.dao, params.proposalId, params.fromBlock ?? 0n);
    if (record === null) {
      throw new InvalidParameterError("proposalId", `The Technical DAO has no proposal ${params.proposalId}.`);
    }
    calls = record;
  }
  const result = await simulateAndWrite(client, {
    address: params.dao,
    abi: TechnicalDAOAbi,
    functionName: "execute",
    args: [[...calls.targets], [...calls.values], [...calls.calldatas], keccak256(stringToHex(calls.description))],
  });
  return {
    ...result,
    targets: calls.targets,
    values: calls.values,
    calldatas: calls.calldatas,
    description: calls.description,
  };
}

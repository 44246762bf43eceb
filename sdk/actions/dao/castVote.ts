import type { Address } from "viem";
import { TechnicalDAOAbi } from "../../abi/TechnicalDAO.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { VOTE_SUPPORT, type VoteSupportName } from "./proposalCalls.ts";

export type CastVoteParameters = {
  dao: Address;
  proposalId: bigint;
  support: VoteSupportName;
  /** Kept in the VoteCast event when given. */
  reason?: string | undefined;
};

export type CastVoteReturnType = WriteResult & {
  /** The votes counted: the member's one vote at the proposal's snapshot. */
  weight: bigint;
};

/** A member of the Technical DAO votes for, against or abstains on an active proposal (MX1, MX4, MX9). */
export async function castVote(client: DrexWalletClient, params: CastVoteParameters): Promise<CastVoteReturnType> {
  const support = VOTE_SUPPORT.indexOf(params.support);
  const reason = params.reason ?? "";
  const result =
    reason === ""
      ? await simulateAndWrite(client, {
          address: params.dao,
          abi: TechnicalDAOAbi,
          functionName: "castVote",
          args: [params.proposalId, support],
        })
      : await simulateAndWrite(client, {
          address: params.dao,
          abi: TechnicalDAOAbi,
          functionName: "castVoteWithReason",
          args: [params.proposalId, support, reason],
        });
  const event = eventFrom(result.receipt.logs, params.dao, TechnicalDAOAbi, "VoteCast");
  return { ...result, weight: event.args.weight };
}

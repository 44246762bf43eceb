import { DistributeVotingAbi } from "../../abi/DistributeVoting.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type ReleasePollParameters = {
  distribute: Pick<DistributeAddresses, "voting">;
  pollId: bigint;
};

export type ReleasePollReturnType = WriteResult;

/** Releases the sender's lock in a poll that has ended, so a withdrawal need not name it (DS7). */
export async function releasePoll(
  client: DrexWalletClient,
  params: ReleasePollParameters,
): Promise<ReleasePollReturnType> {
  return simulateAndWrite(client, {
    address: params.distribute.voting,
    abi: DistributeVotingAbi,
    functionName: "release",
    args: [params.pollId],
  });
}

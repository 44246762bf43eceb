import type { Address, Hex } from "viem";
import { ReputationAbi } from "../../abi/Reputation.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { textHash } from "../../distribute/protocol.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type RegisterReputationParameters = {
  distribute: Pick<DistributeAddresses, "reputation">;
  account: Address;
  /** The account's persistent identity: an identifier such as a DID (hashed here) or its 32-byte hash. */
  identity: string;
};

export type RegisterReputationReturnType = WriteResult & {
  identityHash: Hex;
  /** The free first reputation the account received (DS2). */
  initialReputation: bigint;
};

/** The registrar attests `account`'s identity; the account receives its first reputation (DS2). */
export async function registerReputation(
  client: DrexWalletClient,
  params: RegisterReputationParameters,
): Promise<RegisterReputationReturnType> {
  const identityHash = textHash(params.identity);
  const address = params.distribute.reputation;
  const result = await simulateAndWrite(client, {
    address,
    abi: ReputationAbi,
    functionName: "register",
    args: [params.account, identityHash],
  });
  const { args } = eventFrom(result.receipt.logs, address, ReputationAbi, "Registered");
  return { ...result, identityHash, initialReputation: args.initialReputation };
}

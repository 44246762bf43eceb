// A transaction is simulated before it is relayed, so that a refusal comes back as the contract's custom error rather
// than as a mined failure.
import type { Address, Hex, PublicClient } from "viem";

export type SimulateCallParameters = {
  account: Address;
  to: Address;
  data?: Hex | undefined;
  value?: bigint | undefined;
};

/**
 * Against the latest block first: EDR builds a pending block by running its whole mempool per call, which costs too
 * much to do for every transaction. A call refused there is tried once more against the pending block, whose clock
 * is the next block's: a Governor vote in the block after its proposal, or a proposal right after the proposer's
 * votes were delegated, is refused at the latest block's timestamp and valid in the next one.
 */
export async function simulateCall(client: PublicClient, params: SimulateCallParameters): Promise<void> {
  try {
    await client.call({ ...params, blockTag: "latest" });
  } catch {
    await client.call({ ...params, blockTag: "pending" });
  }
}

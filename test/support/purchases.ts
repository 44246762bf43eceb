// Pre-signed energy purchases from the development accounts, relayed through a node's HTTP API: the load of the
// crash test and of the purchase benchmark.
import { type Address, createPublicClient, encodeFunctionData, type Hex, http, maxUint256 } from "viem";
import { devAccounts } from "../../node/chain/devAccounts.ts";
import { GeneratorAbi } from "../../sdk/abi/Generator.ts";
import { apiClient } from "./apiClient.ts";

/** The development accounts that buy: every one but the operator and the device key. */
export const BUYER_INDEXES = [1, 2, 3, 4, 5, 6, 7, 8];

export async function approveBuyers(apiUrl: string, generator: Address): Promise<void> {
  const api = apiClient(apiUrl);
  for (const i of BUYER_INDEXES) {
    const from = devAccounts()[i]?.account.address as Address;
    const answer = await api.devAct(from, "approve", { spender: generator, amountWei: maxUint256.toString() });
    if (answer.status !== 200) throw new Error(`approve failed: ${JSON.stringify(answer.body)}`);
  }
}

export async function signPurchases(rpcUrl: string, generator: Address, count: number): Promise<Hex[]> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const price = await client.readContract({ address: generator, abi: GeneratorAbi, functionName: "getAvg" });
  const chainId = await client.getChainId();
  const data = encodeFunctionData({ abi: GeneratorAbi, functionName: "buyEnergy", args: [1n, price] });
  const buyers = BUYER_INDEXES.map((i) => {
    const dev = devAccounts()[i];
    if (!dev) throw new Error(`no development account ${i}`);
    return dev.account;
  });
  const nonces = await Promise.all(
    buyers.map((buyer) => client.getTransactionCount({ address: buyer.address, blockTag: "pending" })),
  );
  const signed: Hex[] = [];
  for (let n = 0; n < count; n++) {
    const b = n % buyers.length;
    const nonce = nonces[b] as number;
    nonces[b] = nonce + 1;
    signed.push(
      await (buyers[b] as (typeof buyers)[number]).signTransaction({
        chainId,
        type: "eip1559",
        to: generator,
        data,
        nonce,
        gas: 200_000n,
        maxFeePerGas: 50_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
      }),
    );
  }
  return signed;
}

export type RelayOutcome = { hash: Hex; status: number };

/**
 * Posts every transaction with `concurrency` in flight, in order per sender. Resolves with what the API answered
 * for each; a request the node never answered (it was killed) is left out.
 */
export async function relayAll(
  apiUrl: string,
  raws: Hex[],
  concurrency: number,
  onAnswer?: (answered: number) => void,
): Promise<RelayOutcome[]> {
  const outcomes: RelayOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < raws.length) {
      const raw = raws[next++] as Hex;
      try {
        const response = await fetch(`${apiUrl}/api/v1/transactions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ rawTransaction: raw }),
        });
        const body = (await response.json()) as { hash?: Hex };
        if (body.hash) outcomes.push({ hash: body.hash, status: response.status });
        onAnswer?.(outcomes.length);
      } catch {
        return; // the node is gone
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

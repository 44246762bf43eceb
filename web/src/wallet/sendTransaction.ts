// Sending a prepared transaction, by either kind of wallet, and waiting until the node's index shows it so that the
// screens read the new state right after.
import { decodeReceipt, decodeRelayAnswer } from "../api/decode.ts";
import { ApiError, getJson, postJson } from "../api/http.ts";
import type { Address, UnsignedTransaction } from "../api/types.ts";
import type { Eip1193Provider } from "./eip1193.ts";

const RECEIPT_POLL_MS = 1000;
const RECEIPT_WAIT_MS = 180_000;

export class TransactionRevertedError extends Error {
  override name = "TransactionRevertedError";
  constructor() {
    super("The transaction was mined, but the contract refused it; nothing changed.");
  }
}

export class StillPendingError extends Error {
  override name = "StillPendingError";
  constructor(hash: string) {
    super(`The transaction ${hash.slice(0, 10)}… is still pending. It may yet be mined; check again later.`);
  }
}

/** Embedded mode: a development account signs on the node. The answer comes once mined and indexed. */
export async function sendAsDevAccount(from: Address, tx: UnsignedTransaction): Promise<void> {
  const answer = decodeRelayAnswer(await postJson("/api/v1/dev/transactions", { from, to: tx.to, data: tx.data }));
  if (answer.status === "reverted") throw new TransactionRevertedError();
}

/** A browser wallet signs and sends to its own chain connection; the node is asked until it has indexed it. */
export async function sendWithBrowserWallet(
  provider: Eip1193Provider,
  from: Address,
  tx: UnsignedTransaction,
): Promise<void> {
  const hash = await provider.request({ method: "eth_sendTransaction", params: [{ from, to: tx.to, data: tx.data }] });
  if (typeof hash !== "string") throw new Error("The wallet did not return a transaction hash.");
  const giveUpAt = Date.now() + RECEIPT_WAIT_MS;
  while (Date.now() < giveUpAt) {
    try {
      const receipt = decodeReceipt(await getJson(`/api/v1/transactions/${hash}`));
      if (receipt.status === "reverted") throw new TransactionRevertedError();
      if (receipt.indexed) return;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    await new Promise((resolve) => window.setTimeout(resolve, RECEIPT_POLL_MS));
  }
  throw new StillPendingError(hash);
}

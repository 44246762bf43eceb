// Who signed a raw transaction, asked of the chain's own ecrecover precompile: the node's JavaScript would spend a
// millisecond and a half of its one thread on the elliptic-curve arithmetic per transaction; the EVM's native code
// answers in a fraction of that, on every EVM chain.
import {
  type Address,
  concat,
  getAddress,
  type Hex,
  keccak256,
  numberToHex,
  type PublicClient,
  pad,
  type parseTransaction,
  serializeTransaction,
  type TransactionSerializable,
} from "viem";

const ECRECOVER: Address = "0x0000000000000000000000000000000000000001";

/** The sender of a parsed signed transaction, or null when the signature recovers to no address. */
export async function recoverSender(
  client: PublicClient,
  tx: ReturnType<typeof parseTransaction>,
): Promise<Address | null> {
  const { r, s, v, yParity, ...unsigned } = tx as ReturnType<typeof parseTransaction> & {
    r?: Hex;
    s?: Hex;
    v?: bigint;
    yParity?: number;
  };
  if (r === undefined || s === undefined) return null;
  const recoveryId = yParity !== undefined ? yParity : legacyRecoveryId(v, tx.chainId);
  if (recoveryId !== 0 && recoveryId !== 1) return null;
  const signingHash = keccak256(serializeTransaction(unsigned as TransactionSerializable));
  const input = concat([signingHash, pad(numberToHex(27 + recoveryId)), pad(r), pad(s)]);
  const { data } = await client.call({ to: ECRECOVER, data: input });
  if (data === undefined || data.length !== 66) return null;
  return getAddress(`0x${data.slice(26)}`);
}

function legacyRecoveryId(v: bigint | undefined, chainId: number | undefined): number {
  if (v === undefined) return -1;
  if (v === 27n || v === 28n) return Number(v - 27n);
  if (chainId === undefined) return -1;
  return Number(v - 35n - 2n * BigInt(chainId));
}

// Types shared by the SDK's actions.
import type { Account, Address, Chain, Client, Hash, TransactionReceipt, Transport } from "viem";

/** A client that signs and sends: any viem wallet client with an account and a chain (JSON-RPC or local account). */
export type DrexWalletClient = Client<Transport, Chain, Account>;

/** A client that reads: any viem client (public or wallet). */
export type DrexReadClient = Client<Transport, Chain | undefined>;

/** Where a D-REX deployment lives. */
export type DrexAddresses = {
  token: Address;
  marketplace: Address;
  generatorImplementation: Address;
  /** The initial token sale; null when the deployment has none. */
  sale: Address | null;
};

/** What every write returns: the mined transaction. */
export type WriteResult = {
  hash: Hash;
  gasUsed: bigint;
  blockNumber: bigint;
  receipt: TransactionReceipt;
};

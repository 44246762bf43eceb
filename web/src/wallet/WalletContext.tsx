// Who is acting: a browser wallet (EIP-1193) that signs the user's own transactions, or — on a node running its
// embedded chain — one of the labelled development accounts, signed on the node. Development accounts are for
// trying the platform out; their keys are public.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { decodeDevAccounts } from "../api/decode.ts";
import { useNodeStatus } from "../api/nodeStatus.tsx";
import type { Address, DevAccount, UnsignedTransaction } from "../api/types.ts";
import { useApi } from "../api/useApi.ts";
import { browserWallet } from "./eip1193.ts";
import { sendAsDevAccount, sendWithBrowserWallet } from "./sendTransaction.ts";

export type WalletKind = "development" | "browser";

export type Wallet = {
  kind: WalletKind | null;
  address: Address | null;
  /** The node's development accounts; empty when the node holds none (any chain but its own). */
  devAccounts: DevAccount[];
  browserAvailable: boolean;
  labelOf(address: string): string | null;
  chooseDevAccount(address: Address | null): void;
  connectBrowserWallet(): Promise<void>;
  send(tx: UnsignedTransaction): Promise<void>;
};

const STORAGE_KEY = "drex.devAccount";

const WalletContext = createContext<Wallet | null>(null);

function storedDevAccount(): Address | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value && /^0x[0-9a-fA-F]{40}$/.test(value) ? (value as Address) : null;
  } catch {
    return null;
  }
}

export function WalletProvider({ children }: { children: ReactNode }) {
  const dev = useApi("/api/v1/dev/accounts", decodeDevAccounts);
  const status = useNodeStatus();
  const devAccounts = useMemo(() => dev.data ?? [], [dev.data]);
  const [kind, setKind] = useState<WalletKind | null>(null);
  const [address, setAddress] = useState<Address | null>(null);

  useEffect(() => {
    if (kind !== null || devAccounts.length === 0) return;
    const stored = storedDevAccount();
    if (stored && devAccounts.some((a) => a.address === stored)) {
      setKind("development");
      setAddress(stored);
    }
  }, [devAccounts, kind]);

  const chooseDevAccount = useCallback((next: Address | null) => {
    setKind(next === null ? null : "development");
    setAddress(next);
    try {
      if (next === null) window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
  }, []);

  const connectBrowserWallet = useCallback(async () => {
    const provider = browserWallet();
    if (!provider) throw new Error("No browser wallet was found. Install one, or use a development account.");
    const accounts = await provider.request({ method: "eth_requestAccounts" });
    const first = Array.isArray(accounts) ? accounts[0] : undefined;
    if (typeof first !== "string") throw new Error("The wallet shared no account.");
    setKind("browser");
    setAddress(first as Address);
  }, []);

  useEffect(() => {
    const provider = browserWallet();
    if (kind !== "browser" || !provider?.on) return;
    const onChange = (accounts: string[]) => setAddress((accounts[0] as Address | undefined) ?? null);
    provider.on("accountsChanged", onChange);
    return () => provider.removeListener?.("accountsChanged", onChange);
  }, [kind]);

  const chainId = status.data?.chainId;
  const send = useCallback(
    async (tx: UnsignedTransaction) => {
      if (address === null || kind === null) throw new Error("Choose an account first.");
      if (kind === "development") return sendAsDevAccount(address, tx);
      const provider = browserWallet();
      if (!provider) throw new Error("The browser wallet is no longer available.");
      const walletChain = await provider.request({ method: "eth_chainId" });
      if (chainId !== undefined && typeof walletChain === "string" && BigInt(walletChain) !== chainId) {
        throw new Error(
          `Your wallet is on chain ${BigInt(walletChain)}; this node serves chain ${chainId}. Switch networks.`,
        );
      }
      return sendWithBrowserWallet(provider, address, tx);
    },
    [address, kind, chainId],
  );

  // Every address on screen asks for its label: look it up, don't scan the accounts each time.
  const labels = useMemo(() => {
    const byAddress = new Map<string, string>();
    for (const d of devAccounts) {
      const key = d.address.toLowerCase();
      if (!byAddress.has(key)) byAddress.set(key, d.label);
    }
    return byAddress;
  }, [devAccounts]);
  const labelOf = useCallback((a: string) => labels.get(a.toLowerCase()) ?? null, [labels]);

  const value = useMemo<Wallet>(
    () => ({
      kind,
      address,
      devAccounts,
      browserAvailable: browserWallet() !== null,
      labelOf,
      chooseDevAccount,
      connectBrowserWallet,
      send,
    }),
    [kind, address, devAccounts, labelOf, chooseDevAccount, connectBrowserWallet, send],
  );
  return <WalletContext.Provider value={value}>{children}</WalletContext.Provider>;
}

export function useWallet(): Wallet {
  const wallet = useContext(WalletContext);
  if (!wallet) throw new Error("useWallet outside WalletProvider");
  return wallet;
}

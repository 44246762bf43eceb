// The browser wallet's standard interface (EIP-1193), as far as this app uses it.

export type Eip1193Provider = {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
  on?(event: "accountsChanged", handler: (accounts: string[]) => void): void;
  removeListener?(event: "accountsChanged", handler: (accounts: string[]) => void): void;
};

declare global {
  interface Window {
    ethereum?: Eip1193Provider;
  }
}

export function browserWallet(): Eip1193Provider | null {
  return typeof window !== "undefined" && window.ethereum ? window.ethereum : null;
}

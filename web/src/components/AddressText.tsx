// An address as people read it: the development label when there is one, and the short form of the address, with
// the whole address available on hover and to copy.
import { useWallet } from "../wallet/WalletContext.tsx";

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export function AddressText({ address }: { address: string }) {
  const { labelOf } = useWallet();
  const label = labelOf(address);
  return (
    <span className="address" title={address}>
      {label ? `${label} (${shortAddress(address)})` : shortAddress(address)}
    </span>
  );
}

// Development accounts of the embedded chain: the well-known test mnemonic that every Ethereum dev tool uses, so a
// browser wallet can import them. Anyone can derive these keys; they exist only on the embedded chain and must never
// hold anything of value.
import { bytesToHex, type Hex, parseEther } from "viem";
import { type HDAccount, mnemonicToAccount } from "viem/accounts";

export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** Role labels shown in the app's account switcher; the first account deploys and owns the Solar Token. */
export const DEV_ACCOUNT_LABELS = [
  "operator (deploys, owns the Solar Token)",
  "consumer Amina",
  "provider SunWorks",
  "provider Kisumu Solar",
  "financier Baraka",
  "financier Chidi",
  "financier Dalia",
  "buyer Esther",
  "buyer Femi",
  "device key",
] as const;

export const DEV_ETHER_WEI = parseEther("10000");

export type DevAccount = { index: number; label: string; account: HDAccount; privateKey: Hex };

let cached: DevAccount[] | undefined;

export function devAccounts(): DevAccount[] {
  cached ??= DEV_ACCOUNT_LABELS.map((label, index) => {
    const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
    const key = account.getHdKey().privateKey;
    if (!key) throw new Error(`no private key for dev account ${index}`);
    return { index, label, account, privateKey: bytesToHex(key) };
  });
  return cached;
}

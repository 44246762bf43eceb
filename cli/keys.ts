// The signing key: an encrypted keystore file (--keystore) or a raw key in DREX_PRIVATE_KEY. The keystore wins when
// both are given, so a key left in the environment never signs for a file the user pointed at.
import type { Hex, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { UsageError } from "./errors.ts";
import { decryptKeystore, keystoreAddress, readKeystoreFile } from "./keystore.ts";
import { keystorePassword } from "./password.ts";

export type SignerSource = {
  /** A Web3 Secret Storage v3 file. */
  keystore?: string | undefined;
};

/** Whether a signer is available without asking anything. */
export function hasSigner(source: SignerSource, env: NodeJS.ProcessEnv = process.env): boolean {
  return source.keystore !== undefined || (env.DREX_PRIVATE_KEY ?? "") !== "";
}

export async function loadSigner(source: SignerSource, env: NodeJS.ProcessEnv = process.env): Promise<LocalAccount> {
  if (source.keystore !== undefined) {
    const keystore = readKeystoreFile(source.keystore);
    const privateKey = await decryptKeystore(keystore, await keystorePassword(`keystore ${source.keystore}`, { env }));
    const account = privateKeyToAccount(privateKey);
    const named = keystoreAddress(keystore);
    if (named !== null && named !== account.address) {
      throw new UsageError("--keystore", `the file names ${named} but holds the key of ${account.address}`);
    }
    return account;
  }
  const raw = env.DREX_PRIVATE_KEY ?? "";
  if (raw === "") {
    throw new UsageError(
      null,
      "no signing key: set DREX_PRIVATE_KEY, or pass --keystore FILE (see `drex keystore --help`)",
    );
  }
  return privateKeyToAccount(parsePrivateKey(raw, "DREX_PRIVATE_KEY"));
}

export function parsePrivateKey(text: string, field: string): Hex {
  const hex = text.trim().replace(/^0x/i, "");
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new UsageError(field, "a private key is 32 bytes of hex (64 hex digits)");
  const key = `0x${hex.toLowerCase()}` as Hex;
  // Zero and keys at or past the curve order are not keys; viem refuses them with a less helpful message.
  try {
    privateKeyToAccount(key);
  } catch {
    throw new UsageError(field, "not a valid secp256k1 private key");
  }
  return key;
}

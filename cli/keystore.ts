// Web3 Secret Storage v3: the encrypted key file geth, ethers, Foundry and MetaMask write. The password stretches
// through scrypt (or PBKDF2-HMAC-SHA256, read only) into 32 bytes: the first 16 are the AES-128-CTR key, the last 16
// prove the password through the MAC keccak256(derived[16..32] ‖ ciphertext), checked before decrypting. The password
// goes in as its UTF-8 bytes, unnormalised, as geth and Foundry take it.
import {
  createCipheriv,
  createDecipheriv,
  pbkdf2 as pbkdf2Callback,
  randomBytes,
  randomUUID,
  scrypt as scryptCallback,
  timingSafeEqual,
} from "node:crypto";
import { readFileSync } from "node:fs";
import { type Address, bytesToHex, getAddress, type Hex, hexToBytes, keccak256 } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { CliError } from "./errors.ts";
import { opensslAcceptsScrypt, scryptInScript } from "./scrypt.ts";

export type ScryptParameters = { n: number; r: number; p: number };

/** geth's standard cost: about a second and 256 MiB to try one password. */
export const STANDARD_SCRYPT: ScryptParameters = { n: 262_144, r: 8, p: 1 };
/** geth's --lightkdf: fast to open, for throwaway and test keys only. */
export const LIGHT_SCRYPT: ScryptParameters = { n: 4_096, r: 8, p: 6 };

export type KeystoreV3 = {
  version: 3;
  id: string;
  /** Lower-case hex without 0x, as geth writes it. Optional in the standard. */
  address?: string;
  crypto: {
    cipher: "aes-128-ctr";
    cipherparams: { iv: string };
    ciphertext: string;
    kdf: "scrypt" | "pbkdf2";
    kdfparams: ScryptKdfParams | Pbkdf2KdfParams;
    mac: string;
  };
};

type ScryptKdfParams = { dklen: number; n: number; r: number; p: number; salt: string };
type Pbkdf2KdfParams = { dklen: number; c: number; prf: "hmac-sha256"; salt: string };

export class KeystoreError extends CliError {
  override name = "KeystoreError";
}

const DERIVED_KEY_BYTES = 32;
// What a file may ask of scrypt: 128·n·r bytes. A hostile file must not make us allocate without bound.
const MAX_SCRYPT_MEMORY_BYTES = 1024 * 1024 * 1024;
const MAX_PBKDF2_ITERATIONS = 10_000_000;

/** Encrypts a private key under a password as a v3 keystore with scrypt. */
export async function encryptKeystore(
  privateKey: Hex,
  password: string,
  scrypt: ScryptParameters = STANDARD_SCRYPT,
): Promise<KeystoreV3> {
  const key = privateKeyBytes(privateKey);
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const derived = await scryptKey(password, salt, scrypt, DERIVED_KEY_BYTES);
  const cipher = createCipheriv("aes-128-ctr", derived.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    version: 3,
    id: randomUUID(),
    address: privateKeyToAccount(privateKey).address.slice(2).toLowerCase(),
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: iv.toString("hex") },
      ciphertext: ciphertext.toString("hex"),
      kdf: "scrypt",
      kdfparams: { dklen: DERIVED_KEY_BYTES, n: scrypt.n, r: scrypt.r, p: scrypt.p, salt: salt.toString("hex") },
      mac: macOf(derived, ciphertext).toString("hex"),
    },
  };
}

/** The private key a v3 keystore holds. Throws KeystoreError on a wrong password or a malformed file. */
export async function decryptKeystore(keystore: unknown, password: string): Promise<Hex> {
  const { crypto } = checkShape(keystore);
  const salt = hexBuffer(crypto.kdfparams.salt, "crypto.kdfparams.salt");
  const dklen = crypto.kdfparams.dklen;
  let derived: Buffer;
  if (crypto.kdf === "scrypt") {
    const { n, r, p } = crypto.kdfparams as ScryptKdfParams;
    derived = await scryptKey(password, salt, { n, r, p }, dklen);
  } else {
    const { c } = crypto.kdfparams as Pbkdf2KdfParams;
    if (!Number.isSafeInteger(c) || c < 1 || c > MAX_PBKDF2_ITERATIONS) {
      throw new KeystoreError(`keystore: kdfparams.c must be a whole number from 1 to ${MAX_PBKDF2_ITERATIONS}`);
    }
    derived = await pbkdf2Key(password, salt, c, dklen);
  }
  const ciphertext = hexBuffer(crypto.ciphertext, "crypto.ciphertext");
  const mac = hexBuffer(crypto.mac, "crypto.mac");
  const expected = macOf(derived, ciphertext);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
    throw new KeystoreError("wrong password for this keystore (its MAC does not match)");
  }
  const decipher = createDecipheriv(
    "aes-128-ctr",
    derived.subarray(0, 16),
    hexBuffer(crypto.cipherparams.iv, "crypto.cipherparams.iv"),
  );
  const key = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  if (key.length !== 32) throw new KeystoreError(`keystore: the key inside is ${key.length} bytes, not 32`);
  return bytesToHex(key);
}

/** Reads and checks a keystore file (not its password). */
export function readKeystoreFile(path: string): KeystoreV3 {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new KeystoreError(`cannot read keystore ${path}: ${(error as Error).message}`);
  }
  return checkShape(raw, path);
}

/** The address a keystore names, checksummed; null when the file does not say. */
export function keystoreAddress(keystore: KeystoreV3): Address | null {
  if (typeof keystore.address !== "string" || !/^(0x)?[0-9a-fA-F]{40}$/.test(keystore.address)) return null;
  return getAddress(`0x${keystore.address.replace(/^0x/, "").toLowerCase()}`);
}

function checkShape(raw: unknown, source = "keystore"): KeystoreV3 {
  const k = raw as Partial<KeystoreV3> | null;
  const fail = (what: string): never => {
    throw new KeystoreError(`${source} is not a v3 keystore: ${what}`);
  };
  if (typeof k !== "object" || k === null) return fail("not a JSON object");
  if (k.version !== 3) fail("version must be 3");
  const crypto = k.crypto ?? ((k as { Crypto?: KeystoreV3["crypto"] }).Crypto as KeystoreV3["crypto"] | undefined);
  if (typeof crypto !== "object" || crypto === null) return fail("crypto is missing");
  if (crypto.cipher !== "aes-128-ctr") fail(`cipher ${String(crypto.cipher)} is not supported (aes-128-ctr is)`);
  if (crypto.kdf !== "scrypt" && crypto.kdf !== "pbkdf2") fail(`kdf ${String(crypto.kdf)} is not scrypt or pbkdf2`);
  const params = crypto.kdfparams as Partial<ScryptKdfParams & Pbkdf2KdfParams> | undefined;
  if (typeof params !== "object" || params === null) return fail("kdfparams is missing");
  if (params.dklen !== DERIVED_KEY_BYTES) fail(`kdfparams.dklen must be ${DERIVED_KEY_BYTES}`);
  if (crypto.kdf === "pbkdf2" && params.prf !== "hmac-sha256") fail("pbkdf2 prf must be hmac-sha256");
  for (const [field, value] of [
    ["ciphertext", crypto.ciphertext],
    ["mac", crypto.mac],
    ["cipherparams.iv", crypto.cipherparams?.iv],
    ["kdfparams.salt", params.salt],
  ] as const) {
    if (typeof value !== "string" || !/^(0x)?([0-9a-fA-F]{2})+$/.test(value)) fail(`${field} must be hex`);
  }
  return { ...(k as KeystoreV3), crypto };
}

function scryptKey(password: string, salt: Buffer, { n, r, p }: ScryptParameters, dklen: number): Promise<Buffer> {
  const isPowerOfTwo = Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;
  if (!isPowerOfTwo || !Number.isSafeInteger(r) || r < 1 || !Number.isSafeInteger(p) || p < 1) {
    throw new KeystoreError("keystore: scrypt n must be a power of two above 1, and r and p whole numbers from 1");
  }
  const memoryBytes = 128 * n * r;
  if (memoryBytes > MAX_SCRYPT_MEMORY_BYTES) {
    throw new KeystoreError(`keystore: scrypt n·r asks for ${memoryBytes} bytes, more than the 1 GiB allowed`);
  }
  if (!opensslAcceptsScrypt({ n, r, p })) {
    return Promise.resolve(scryptInScript(Buffer.from(password, "utf8"), salt, { n, r, p }, dklen));
  }
  return new Promise((resolve, reject) => {
    scryptCallback(
      password,
      salt,
      dklen,
      { N: n, r, p, maxmem: memoryBytes * 2 + 128 * r * p + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function pbkdf2Key(password: string, salt: Buffer, iterations: number, dklen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2Callback(password, salt, iterations, dklen, "sha256", (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function macOf(derived: Buffer, ciphertext: Buffer): Buffer {
  return Buffer.from(hexToBytes(keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext]))));
}

function hexBuffer(value: string, field: string): Buffer {
  const hex = value.replace(/^0x/, "");
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new KeystoreError(`keystore: ${field} must be hex`);
  return Buffer.from(hex, "hex");
}

function privateKeyBytes(privateKey: Hex): Buffer {
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) throw new KeystoreError("a private key is 32 bytes of hex");
  return Buffer.from(privateKey.slice(2), "hex");
}

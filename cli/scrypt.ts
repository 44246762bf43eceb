// scrypt (RFC 7914) in plain TypeScript over node:crypto's PBKDF2, for the parameters OpenSSL refuses. OpenSSL
// enforces the RFC's N < 2^(16·r), which the Web3 Secret Storage test vector (N = 2^18, r = 1) and keystores written
// with such settings break; geth and ethers open them, so we must too. Everything else goes to node:crypto's scrypt.
import { pbkdf2Sync } from "node:crypto";

export type ScryptCost = { n: number; r: number; p: number };

/** Whether node:crypto (OpenSSL) accepts these parameters. */
export function opensslAcceptsScrypt({ n, r }: ScryptCost): boolean {
  // OpenSSL checks N < 2^(16·r) only while 16·r fits a 64-bit shift, that is for r up to 3.
  return r > 3 || n < 2 ** (16 * r);
}

/** scrypt(password, salt, N, r, p, dkLen), computed here rather than by OpenSSL. Blocks for its whole run. */
export function scryptInScript(password: Buffer, salt: Buffer, { n, r, p }: ScryptCost, dkLen: number): Buffer {
  const blockWords = 32 * r;
  const initial = pbkdf2Sync(password, salt, 1, p * 128 * r, "sha256");
  const words = new Uint32Array(p * blockWords);
  for (let i = 0; i < words.length; i++) words[i] = initial.readUInt32LE(i * 4);
  const table = new Uint32Array(blockWords * n);
  const scratch = new Uint32Array(2 * blockWords + 16);
  for (let i = 0; i < p; i++) romix(words, i * blockWords, r, n, table, scratch);
  const mixed = Buffer.alloc(words.length * 4);
  for (let i = 0; i < words.length; i++) mixed.writeUInt32LE(words[i] as number, i * 4);
  return pbkdf2Sync(password, mixed, 1, dkLen, "sha256");
}

function romix(b: Uint32Array, offset: number, r: number, n: number, table: Uint32Array, scratch: Uint32Array): void {
  const blockWords = 32 * r;
  const x = scratch.subarray(0, blockWords);
  const y = scratch.subarray(blockWords, 2 * blockWords);
  const salsa = scratch.subarray(2 * blockWords);
  x.set(b.subarray(offset, offset + blockWords));
  for (let i = 0; i < n; i++) {
    table.set(x, i * blockWords);
    blockMix(x, y, salsa, r);
  }
  const lastWord = (2 * r - 1) * 16;
  for (let i = 0; i < n; i++) {
    // Integerify: the low 32 bits of the last 64-byte block suffice because n < 2^32.
    const j = ((x[lastWord] as number) & (n - 1)) * blockWords;
    for (let k = 0; k < blockWords; k++) x[k] = (x[k] as number) ^ (table[j + k] as number);
    blockMix(x, y, salsa, r);
  }
  b.set(x, offset);
}

function blockMix(b: Uint32Array, y: Uint32Array, salsa: Uint32Array, r: number): void {
  salsa.set(b.subarray((2 * r - 1) * 16, 2 * r * 16));
  for (let i = 0; i < 2 * r; i++) {
    for (let k = 0; k < 16; k++) salsa[k] = (salsa[k] as number) ^ (b[i * 16 + k] as number);
    salsa208(salsa);
    y.set(salsa, i * 16);
  }
  // Even blocks first, then odd ones.
  for (let i = 0; i < r; i++) {
    b.set(y.subarray(2 * i * 16, (2 * i + 1) * 16), i * 16);
    b.set(y.subarray((2 * i + 1) * 16, (2 * i + 2) * 16), (r + i) * 16);
  }
}

function salsa208(s: Uint32Array): void {
  let x0 = s[0] as number;
  let x1 = s[1] as number;
  let x2 = s[2] as number;
  let x3 = s[3] as number;
  let x4 = s[4] as number;
  let x5 = s[5] as number;
  let x6 = s[6] as number;
  let x7 = s[7] as number;
  let x8 = s[8] as number;
  let x9 = s[9] as number;
  let x10 = s[10] as number;
  let x11 = s[11] as number;
  let x12 = s[12] as number;
  let x13 = s[13] as number;
  let x14 = s[14] as number;
  let x15 = s[15] as number;
  for (let round = 0; round < 8; round += 2) {
    x4 ^= rotl(x0 + x12, 7);
    x8 ^= rotl(x4 + x0, 9);
    x12 ^= rotl(x8 + x4, 13);
    x0 ^= rotl(x12 + x8, 18);
    x9 ^= rotl(x5 + x1, 7);
    x13 ^= rotl(x9 + x5, 9);
    x1 ^= rotl(x13 + x9, 13);
    x5 ^= rotl(x1 + x13, 18);
    x14 ^= rotl(x10 + x6, 7);
    x2 ^= rotl(x14 + x10, 9);
    x6 ^= rotl(x2 + x14, 13);
    x10 ^= rotl(x6 + x2, 18);
    x3 ^= rotl(x15 + x11, 7);
    x7 ^= rotl(x3 + x15, 9);
    x11 ^= rotl(x7 + x3, 13);
    x15 ^= rotl(x11 + x7, 18);
    x1 ^= rotl(x0 + x3, 7);
    x2 ^= rotl(x1 + x0, 9);
    x3 ^= rotl(x2 + x1, 13);
    x0 ^= rotl(x3 + x2, 18);
    x6 ^= rotl(x5 + x4, 7);
    x7 ^= rotl(x6 + x5, 9);
    x4 ^= rotl(x7 + x6, 13);
    x5 ^= rotl(x4 + x7, 18);
    x11 ^= rotl(x10 + x9, 7);
    x8 ^= rotl(x11 + x10, 9);
    x9 ^= rotl(x8 + x11, 13);
    x10 ^= rotl(x9 + x8, 18);
    x12 ^= rotl(x15 + x14, 7);
    x13 ^= rotl(x12 + x15, 9);
    x14 ^= rotl(x13 + x12, 13);
    x15 ^= rotl(x14 + x13, 18);
  }
  s[0] = (s[0] as number) + x0;
  s[1] = (s[1] as number) + x1;
  s[2] = (s[2] as number) + x2;
  s[3] = (s[3] as number) + x3;
  s[4] = (s[4] as number) + x4;
  s[5] = (s[5] as number) + x5;
  s[6] = (s[6] as number) + x6;
  s[7] = (s[7] as number) + x7;
  s[8] = (s[8] as number) + x8;
  s[9] = (s[9] as number) + x9;
  s[10] = (s[10] as number) + x10;
  s[11] = (s[11] as number) + x11;
  s[12] = (s[12] as number) + x12;
  s[13] = (s[13] as number) + x13;
  s[14] = (s[14] as number) + x14;
  s[15] = (s[15] as number) + x15;
}

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

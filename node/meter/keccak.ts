// keccak256 for the meter's hot path: the same function as viem's keccak256, with less work per call for the short
// inputs the meter hashes (a reading's 256- or 288-byte encoding, a 66-byte digest input, a 64-byte public key).
// The state is 25 lanes of 64 bits held as (low, high) 32-bit halves; test/meter.test.ts compares it with viem's.

const RATE = 136;
const ROTATIONS: number[] = [];
const PI_LANES: number[] = [];
const RC_LO = new Uint32Array(24);
const RC_HI = new Uint32Array(24);
{
  let x = 1;
  let y = 0;
  let r = 1;
  for (let round = 0; round < 24; round++) {
    [x, y] = [y, (2 * x + 3 * y) % 5];
    PI_LANES.push(x + 5 * y);
    ROTATIONS.push((((round + 1) * (round + 2)) / 2) % 64);
    let lo = 0;
    let hi = 0;
    for (let j = 0; j < 7; j++) {
      r = ((r << 1) ^ ((r >> 7) * 0x71)) % 256;
      if (r & 2) {
        const bit = (1 << j) - 1;
        if (bit < 32) lo ^= 1 << bit;
        else hi ^= 1 << (bit - 32);
      }
    }
    RC_LO[round] = lo;
    RC_HI[round] = hi;
  }
}

/** `lo`/`hi` source of a 64-bit left rotation by n (1..63, never 32) of the lane (lo, hi). */
function rotlSource(lo: string, hi: string, n: number): [string, string] {
  if (n < 32) return [`((${lo} << ${n}) | (${hi} >>> ${32 - n}))`, `((${hi} << ${n}) | (${lo} >>> ${32 - n}))`];
  const m = n - 32;
  return [`((${hi} << ${m}) | (${lo} >>> ${32 - m}))`, `((${lo} << ${m}) | (${hi} >>> ${32 - m}))`];
}

/**
 * Keccak-f[1600] on 50 words (lane i is s[2i] low, s[2i+1] high), generated once as straight-line code over local
 * variables: written out by hand it would be some 400 lines, and as loops over arrays it runs at half the speed.
 */
function buildPermutation(): (s: Uint32Array, rcLo: Uint32Array, rcHi: Uint32Array) => void {
  const a = (i: number) => `a${i}`;
  const lines: string[] = [];
  const names = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`).join(", ");
  lines.push(`let ${names("a", 50)}; let ${names("b", 50)}; let ${names("c", 10)}; let ${names("d", 10)};`);
  for (let i = 0; i < 50; i++) lines.push(`a${i} = s[${i}];`);
  lines.push("for (let round = 0; round < 24; round++) {");
  for (let w = 0; w < 10; w++) lines.push(`c${w} = a${w} ^ a${w + 10} ^ a${w + 20} ^ a${w + 30} ^ a${w + 40};`);
  for (let x = 0; x < 5; x++) {
    const prev = ((x + 4) % 5) * 2;
    const next = ((x + 1) % 5) * 2;
    lines.push(`d${2 * x} = c${prev} ^ ((c${next} << 1) | (c${next + 1} >>> 31));`);
    lines.push(`d${2 * x + 1} = c${prev + 1} ^ ((c${next + 1} << 1) | (c${next} >>> 31));`);
    for (let y = 0; y < 5; y++) {
      lines.push(`${a(10 * y + 2 * x)} ^= d${2 * x}; ${a(10 * y + 2 * x + 1)} ^= d${2 * x + 1};`);
    }
  }
  lines.push("b0 = a0; b1 = a1;");
  for (let t = 0; t < 24; t++) {
    const src = t === 0 ? 1 : (PI_LANES[t - 1] as number);
    const dst = PI_LANES[t] as number;
    const [lo, hi] = rotlSource(a(2 * src), a(2 * src + 1), ROTATIONS[t] as number);
    lines.push(`b${2 * dst} = ${lo}; b${2 * dst + 1} = ${hi};`);
  }
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      const lane = 5 * y + x;
      const l1 = 5 * y + ((x + 1) % 5);
      const l2 = 5 * y + ((x + 2) % 5);
      lines.push(`a${2 * lane} = b${2 * lane} ^ (~b${2 * l1} & b${2 * l2});`);
      lines.push(`a${2 * lane + 1} = b${2 * lane + 1} ^ (~b${2 * l1 + 1} & b${2 * l2 + 1});`);
    }
  }
  lines.push("a0 ^= rcLo[round]; a1 ^= rcHi[round];");
  lines.push("}");
  for (let i = 0; i < 50; i++) lines.push(`s[${i}] = a${i};`);
  return new Function("s", "rcLo", "rcHi", lines.join("\n")) as (
    s: Uint32Array,
    rcLo: Uint32Array,
    rcHi: Uint32Array,
  ) => void;
}

const permutation = buildPermutation();
const permute = (s: Uint32Array): void => permutation(s, RC_LO, RC_HI);

const stateBytes = new Uint8Array(200);
const stateWords = new Uint32Array(stateBytes.buffer);
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** keccak256 of `data` (Ethereum's, not SHA3-256), as 32 new bytes. */
export function keccak256Bytes(data: Uint8Array): Uint8Array {
  if (!littleEndian) throw new Error("keccak256Bytes needs a little-endian platform");
  stateWords.fill(0);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 0;
  while (data.length - offset >= RATE) {
    for (let i = 0; i < RATE / 4; i++) {
      stateWords[i] = (stateWords[i] as number) ^ view.getUint32(offset + 4 * i, true);
    }
    permute(stateWords);
    offset += RATE;
  }
  const rest = data.length - offset;
  for (let i = 0; i < rest; i++) stateBytes[i] = (stateBytes[i] as number) ^ (data[offset + i] as number);
  stateBytes[rest] = (stateBytes[rest] as number) ^ 0x01;
  stateBytes[RATE - 1] = (stateBytes[RATE - 1] as number) ^ 0x80;
  permute(stateWords);
  return stateBytes.slice(0, 32);
}

// Seeded pseudo-random numbers for the simulator: the same seed gives the same devices and the same readings on any
// machine, so a run can be repeated and a test can rely on its figures. Not for anything secret.
import { keccak256, stringToHex } from "viem";

/** A stream of numbers in [0, 1). */
export type Random = () => number;

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, good statistical quality, and
 * cheap enough to draw several numbers per reading. Seeded from keccak256 of the seed text.
 */
export function seededRandom(seed: string): Random {
  const hash = keccak256(stringToHex(seed));
  let a = Number.parseInt(hash.slice(2, 10), 16) >>> 0;
  let b = Number.parseInt(hash.slice(10, 18), 16) >>> 0;
  let c = Number.parseInt(hash.slice(18, 26), 16) >>> 0;
  let d = Number.parseInt(hash.slice(26, 34), 16) >>> 0;
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
  // The first outputs still show the seed's structure; discard them.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** A standard normal draw (Box–Muller). */
export function normal(random: Random): number {
  const u = 1 - random(); // (0, 1]: log(0) is never taken
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A standard normal number determined by `key` alone. */
export function keyedNormal(key: string): number {
  return normal(seededRandom(key));
}

/**
 * Smooth noise over time, a pure function of (`seed`, `unixSeconds`): independent standard normal values at knots
 * `knotSeconds` apart, blended between neighbours so that the result stays a standard normal everywhere and changes
 * smoothly. Readings a few minutes apart see nearly the same value, readings a day apart unrelated ones. The optional
 * cache keeps knots already drawn (each costs a hash).
 */
export function smoothNoise(
  seed: string,
  unixSeconds: number,
  knotSeconds: number,
  cache?: Map<string, number>,
): number {
  const position = unixSeconds / knotSeconds;
  const k = Math.floor(position);
  const knot = (index: number): number => {
    const key = `${seed}|${knotSeconds}|${index}`;
    let value = cache?.get(key);
    if (value === undefined) {
      value = keyedNormal(key);
      if (cache) {
        // Knots are visited in time order: keeping the last few is enough.
        if (cache.size > 64) cache.clear();
        cache.set(key, value);
      }
    }
    return value;
  };
  const f = position - k;
  const w = f * f * (3 - 2 * f); // smoothstep: no kink at the knots
  return (knot(k) * (1 - w) + knot(k + 1) * w) / Math.sqrt((1 - w) ** 2 + w ** 2);
}

// A fleet of simulated devices: generators (a solar panel on a household, which uses some of what it makes and sends
// the rest on) and storage nodes (a battery that takes in energy by day and sends it back in the evening). Each
// device has its own key, derived from the run's seed so that a run can be repeated, or given. Readings are produced
// per interval with the device's own sequence counter, its energy figures and its heartbeats.
//
// Choices:
//  - The sequence of a reading is its interval's index since the Unix epoch (periodStart / interval length). Within a
//    run the sequence has no holes; a later run continues above it, and the intervals nobody simulated count as the
//    device's missing readings, which is what they are. Keep the interval length of a fleet fixed across runs.
//  - Heartbeats: one a minute of the interval; now and then (DROPOUT_PROBABILITY) a few are lost, as a flaky link or
//    a brief power cut would lose them.
//  - Energies are whole watt-hours rounded down, and never above what the rated power allows in the interval, the
//    bound the meter enforces.
import { type Hex, keccak256, type LocalAccount, stringToHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { Reading } from "../sdk/energy/readings.ts";
import { expectedUseWh, loadFactor, loadShape, localHour } from "./consumption.ts";
import { type Random, seededRandom } from "./random.ts";
import { type CloudSeeds, clearSkyEnergyWh, cloudClearness, type PanelSite } from "./solar.ts";

export type SimulatedDeviceKind = "generator" | "storageNode";

export type FleetDevice = {
  /** Position in the fleet, from 0. */
  index: number;
  kind: SimulatedDeviceKind;
  /** The key the device signs its readings with. */
  account: LocalAccount;
  privateKey: Hex;
  ratedPowerW: bigint;
  /** The transmission loss the operator declares, basis points of the energy sent. */
  maxLossBps: number;
  latitudeDeg: number;
  longitudeDeg: number;
  location: string;
  /** Generators: what the household behind the panel uses in a day, Wh, before noise. Storage nodes: 0. */
  dailyUseWh: number;
  /** Storage nodes: the battery's capacity, Wh. Generators: 0. */
  storageCapacityWh: number;
};

export type FleetOptions = {
  /** Generators in the fleet. */
  count: number;
  /** Storage nodes after the generators; default 0. */
  storageNodes?: number;
  /** Makes the fleet and its readings repeatable; default "drex". */
  seed?: string;
  /** The devices' keys, in fleet order; missing ones are derived from the seed. */
  privateKeys?: readonly Hex[];
  /** Default 0.09° S 34.77° E (Kisumu, Kenya), where the demonstration community is. */
  latitudeDeg?: number;
  longitudeDeg?: number;
  /** The place name the devices' locations start with; default "Kisumu, Kenya" or the coordinates when given. */
  place?: string;
};

export const DEFAULT_SEED = "drex";
export const DEFAULT_LATITUDE_DEG = -0.0917;
export const DEFAULT_LONGITUDE_DEG = 34.768;
const GENERATOR_RATINGS_W = [3_000n, 4_000n, 5_000n, 6_000n, 8_000n] as const;
const STORAGE_RATING_W = 10_000n;
/** A storage node's battery holds this many hours of its rated power. */
const STORAGE_HOURS = 4;
/** Panels of one fleet are spread over about ±0.05° (a few kilometres). */
const SPREAD_DEG = 0.1;

/** The private key of device `index` of the fleet seeded with `seed`. */
export function deviceKeyOf(seed: string, index: number): Hex {
  return keccak256(stringToHex(`drex-simulator-device|${seed}|${index}`));
}

export function createFleet(options: FleetOptions): FleetDevice[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const latitude = options.latitudeDeg ?? DEFAULT_LATITUDE_DEG;
  const longitude = options.longitudeDeg ?? DEFAULT_LONGITUDE_DEG;
  const place =
    options.place ??
    (options.latitudeDeg === undefined && options.longitudeDeg === undefined
      ? "Kisumu, Kenya"
      : `${latitude.toFixed(3)}, ${longitude.toFixed(3)}`);
  const total = options.count + (options.storageNodes ?? 0);
  const random = seededRandom(`drex-simulator-fleet|${seed}`);
  const devices: FleetDevice[] = [];
  for (let index = 0; index < total; index++) {
    const kind: SimulatedDeviceKind = index < options.count ? "generator" : "storageNode";
    const privateKey = options.privateKeys?.[index] ?? deviceKeyOf(seed, index);
    const ratedPowerW =
      kind === "generator"
        ? (GENERATOR_RATINGS_W[Math.floor(random() * GENERATOR_RATINGS_W.length)] as bigint)
        : STORAGE_RATING_W;
    const latitudeDeg = clampLatitude(latitude + (random() - 0.5) * SPREAD_DEG);
    const longitudeDeg = longitude + (random() - 0.5) * SPREAD_DEG;
    const dailyUseWh = kind === "generator" ? Math.round(5_000 + random() * 7_000) : 0;
    devices.push({
      index,
      kind,
      account: privateKeyToAccount(privateKey),
      privateKey,
      ratedPowerW,
      maxLossBps: kind === "generator" ? 500 : 300,
      latitudeDeg,
      longitudeDeg,
      location: `${place} (${kind === "generator" ? "panel" : "storage"} ${index + 1})`,
      dailyUseWh,
      storageCapacityWh: kind === "storageNode" ? Number(ratedPowerW) * STORAGE_HOURS : 0,
    });
  }
  return devices;
}

function clampLatitude(value: number): number {
  return Math.max(-90, Math.min(90, value));
}

/** The chance a reading loses some of its heartbeats. */
export const DROPOUT_PROBABILITY = 0.03;
export const SECONDS_PER_HEARTBEAT = 60n;

/** Produces one device's readings interval after interval; intervals must come in time order. */
export class DeviceSimulator {
  readonly device: FleetDevice;
  readonly #random: Random;
  readonly #clouds: CloudSeeds;
  readonly #loadSeed: string;
  readonly #noiseCache = new Map<string, number>();
  readonly #site: PanelSite;
  #stateOfChargeWh = 0;

  constructor(device: FleetDevice, seed: string = DEFAULT_SEED) {
    this.device = device;
    this.#random = seededRandom(`drex-simulator-readings|${seed}|${device.index}`);
    this.#clouds = {
      regional: `drex-simulator-weather|${seed}`,
      local: `drex-simulator-clouds|${seed}|${device.index}`,
    };
    this.#loadSeed = `drex-simulator-load|${seed}|${device.index}`;
    this.#site = {
      latitudeDeg: device.latitudeDeg,
      longitudeDeg: device.longitudeDeg,
      ratedPowerW: Number(device.ratedPowerW),
    };
  }

  /** The device's reading of the interval [periodStart, periodEnd) (Unix seconds). */
  next(periodStart: bigint, periodEnd: bigint): Reading {
    const seconds = periodEnd - periodStart;
    if (seconds <= 0n) throw new RangeError(`the interval ${periodStart}–${periodEnd} is empty`);
    const from = Number(periodStart);
    const to = Number(periodEnd);
    const capacityWh = (this.device.ratedPowerW * seconds) / 3_600n;
    const wh = (value: number): bigint => {
      const whole = BigInt(Math.max(0, Math.floor(value)));
      return whole > capacityWh ? capacityWh : whole;
    };
    let producedWh = 0n;
    let sentWh = 0n;
    let receivedWh = 0n;
    const middle = (from + to) / 2;
    const sunWh = clearSkyEnergyWh(this.#site, from, to) * cloudClearness(this.#clouds, middle, this.#noiseCache);
    if (this.device.kind === "generator") {
      producedWh = wh(sunWh);
      const household = { longitudeDeg: this.device.longitudeDeg, dailyWh: this.device.dailyUseWh };
      const usedWh = wh(expectedUseWh(household, from, to) * loadFactor(this.#loadSeed, middle, this.#noiseCache));
      sentWh = producedWh > usedWh ? producedWh - usedWh : 0n;
      receivedWh = usedWh > producedWh ? usedWh - producedWh : 0n;
    } else {
      // The community's surplus charges the battery by day at up to half its rating; it gives back in the evening.
      const room = this.device.storageCapacityWh - this.#stateOfChargeWh;
      receivedWh = wh(Math.min(room, sunWh * 0.5));
      const hours = (to - from) / 3_600;
      const demand =
        sunWh > 0
          ? 0
          : Number(this.device.ratedPowerW) *
            0.5 *
            (loadShape(localHour(middle, this.device.longitudeDeg)) / 3) *
            hours;
      sentWh = wh(Math.min(this.#stateOfChargeWh + Number(receivedWh), demand));
      this.#stateOfChargeWh += Number(receivedWh) - Number(sentWh);
    }
    return {
      device: this.device.account.address,
      sequence: periodStart / seconds,
      periodStart,
      periodEnd,
      producedWh,
      sentWh,
      receivedWh,
      heartbeats: this.#heartbeats(seconds),
    };
  }

  #heartbeats(seconds: bigint): number {
    const expected = Number(seconds / SECONDS_PER_HEARTBEAT);
    if (expected === 0 || this.#random() >= DROPOUT_PROBABILITY) return expected;
    const lost = 1 + Math.floor(this.#random() * Math.max(1, expected / 3));
    return Math.max(0, expected - lost);
  }
}

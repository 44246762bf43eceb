// The consumption model: a household's load over the day, low at night, a peak when people get up and a larger one
// in the evening, scaled to a daily energy and varied by seeded noise that drifts over an hour or so (habits change
// smoothly, not from one minute to the next).
import { smoothNoise } from "./random.ts";

const MORNING_PEAK_HOUR = 7.5;
const EVENING_PEAK_HOUR = 19.5;

function bump(hour: number, centre: number, widthHours: number): number {
  // The distance around the clock, so a peak near midnight wraps.
  const d = Math.min(Math.abs(hour - centre), 24 - Math.abs(hour - centre));
  return Math.exp(-0.5 * (d / widthHours) ** 2);
}

/** The load curve's shape at a local hour, before normalisation. */
function rawShape(localHour: number): number {
  return 0.45 + 1.1 * bump(localHour, MORNING_PEAK_HOUR, 1.1) + 1.9 * bump(localHour, EVENING_PEAK_HOUR, 1.6);
}

/** Makes the shape's average over a day exactly 1, so `dailyWh` is what a day uses without noise. */
const SHAPE_MEAN = (() => {
  let sum = 0;
  const n = 24 * 60;
  for (let i = 0; i < n; i++) sum += rawShape((i + 0.5) / 60);
  return sum / n;
})();

/** The load's shape at a local hour: mean 1 over the day. */
export function loadShape(localHour: number): number {
  return rawShape(((localHour % 24) + 24) % 24) / SHAPE_MEAN;
}

/** Local mean time at a longitude (east positive), hours in [0, 24). */
export function localHour(unixSeconds: number, longitudeDeg: number): number {
  const hours = (((unixSeconds % 86_400) + 86_400) % 86_400) / 3_600 + longitudeDeg / 15;
  return ((hours % 24) + 24) % 24;
}

export type Household = { longitudeDeg: number; dailyWh: number };

/** A household's expected power at a moment, watts. */
export function expectedLoadW(household: Household, unixSeconds: number): number {
  return (household.dailyWh / 24) * loadShape(localHour(unixSeconds, household.longitudeDeg));
}

/** Energy the household uses from `fromSeconds` to `toSeconds` with no noise, Wh (one step a minute). */
export function expectedUseWh(household: Household, fromSeconds: number, toSeconds: number): number {
  const n = Math.max(1, Math.round((toSeconds - fromSeconds) / 60));
  const dt = (toSeconds - fromSeconds) / n;
  let wattSeconds = 0;
  for (let i = 0; i < n; i++) wattSeconds += expectedLoadW(household, fromSeconds + (i + 0.5) * dt) * dt;
  return wattSeconds / 3_600;
}

/** How long a household's habits stay alike: the noise's knots are this far apart. */
const LOAD_KNOT_SECONDS = 3_600;
/** The load's relative spread: about ±25% around the curve. */
const LOAD_SPREAD = 0.25;

/** The factor noise puts on the expected load at a moment: never below 0.2, so a home always draws something. */
export function loadFactor(seed: string, unixSeconds: number, cache?: Map<string, number>): number {
  return Math.max(0.2, 1 + LOAD_SPREAD * smoothNoise(seed, unixSeconds, LOAD_KNOT_SECONDS, cache));
}

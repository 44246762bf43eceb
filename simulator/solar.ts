// The solar model: clear-sky irradiance from the sun's position (a standard textbook model, good to a few percent,
// which is all a simulated panel needs), a panel's output from it, and clouds that come and go smoothly.
//
//   declination     Cooper (1969): δ = 23.45° · sin(360° · (284 + n) / 365), n the day of the year
//   solar time      UTC + longitude / 15° + the equation of time (Spencer's short form, minutes)
//   elevation       sin α = sin φ · sin δ + cos φ · cos δ · cos H, H = 15° per hour from solar noon
//   air mass        Kasten & Young (1989), finite down to the horizon
//   irradiance      direct normal 1,353 W/m² · 0.7^(AM^0.678) (Meinel), plus 10% diffuse, on a horizontal panel
//   panel output    rated power × irradiance / 1,000 W/m² (standard test conditions), never above rated power
//
// Physics is done in floating point; energies leave the simulator as whole watt-hours (bigint), rounded down.
import { smoothNoise } from "./random.ts";

const DEG = Math.PI / 180;
/** The solar constant as Meinel's model uses it, W/m². */
const SOLAR_CONSTANT_W_M2 = 1_353;
/** The irradiance at which a panel delivers its rated power (standard test conditions), W/m². */
export const STC_IRRADIANCE_W_M2 = 1_000;

/** The day of the year, 1 on 1 January, of a Unix time (UTC). */
export function dayOfYear(unixSeconds: number): number {
  const date = new Date(unixSeconds * 1000);
  return Math.floor((unixSeconds * 1000 - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** Hours since UTC midnight of a Unix time, fractional. */
export function utcHours(unixSeconds: number): number {
  return (((unixSeconds % 86_400) + 86_400) % 86_400) / 3_600;
}

/** The sun's declination, degrees, on a day of the year. */
export function solarDeclinationDeg(day: number): number {
  return 23.45 * Math.sin(DEG * ((360 * (284 + day)) / 365));
}

/** How far apparent solar time runs ahead of mean solar time, minutes. */
export function equationOfTimeMinutes(day: number): number {
  const b = DEG * ((360 * (day - 81)) / 364);
  return 9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b);
}

/** Apparent solar time at a longitude (east positive), hours in [0, 24): 12 is solar noon. */
export function solarTimeHours(day: number, utcHour: number, longitudeDeg: number): number {
  const hours = utcHour + longitudeDeg / 15 + equationOfTimeMinutes(day) / 60;
  return ((hours % 24) + 24) % 24;
}

/** The sun's elevation above the horizon, degrees (negative at night). */
export function solarElevationDeg(latitudeDeg: number, longitudeDeg: number, day: number, utcHour: number): number {
  const hourAngle = DEG * 15 * (solarTimeHours(day, utcHour, longitudeDeg) - 12);
  const declination = DEG * solarDeclinationDeg(day);
  const latitude = DEG * latitudeDeg;
  const sinElevation =
    Math.sin(latitude) * Math.sin(declination) + Math.cos(latitude) * Math.cos(declination) * Math.cos(hourAngle);
  return Math.asin(Math.max(-1, Math.min(1, sinElevation))) / DEG;
}

/** Relative optical air mass at an elevation (1 at the zenith); Infinity with the sun below the horizon. */
export function airMass(elevationDeg: number): number {
  if (elevationDeg <= 0) return Number.POSITIVE_INFINITY;
  const zenith = 90 - elevationDeg;
  return 1 / (Math.cos(DEG * zenith) + 0.50572 * (96.07995 - zenith) ** -1.6364);
}

/** Clear-sky irradiance on a horizontal panel, W/m²; 0 with the sun down. */
export function clearSkyIrradianceWm2(elevationDeg: number): number {
  if (elevationDeg <= 0) return 0;
  const direct = SOLAR_CONSTANT_W_M2 * 0.7 ** (airMass(elevationDeg) ** 0.678);
  return 1.1 * direct * Math.sin(DEG * elevationDeg);
}

/** Where a panel is and how big it is. */
export type PanelSite = { latitudeDeg: number; longitudeDeg: number; ratedPowerW: number };

/** A panel's clear-sky output at a moment, watts: rated power × irradiance / 1,000 W/m², capped at rated power. */
export function clearSkyPowerW(site: PanelSite, unixSeconds: number): number {
  const elevation = solarElevationDeg(
    site.latitudeDeg,
    site.longitudeDeg,
    dayOfYear(unixSeconds),
    utcHours(unixSeconds),
  );
  const power = (site.ratedPowerW * clearSkyIrradianceWm2(elevation)) / STC_IRRADIANCE_W_M2;
  return Math.min(site.ratedPowerW, power);
}

/** Sub-steps per interval for integrating power into energy: one a minute, at least one. */
function substeps(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

/** Energy a panel gives under a clear sky from `fromSeconds` to `toSeconds`, Wh (midpoint rule, one step a minute). */
export function clearSkyEnergyWh(site: PanelSite, fromSeconds: number, toSeconds: number): number {
  const n = substeps(toSeconds - fromSeconds);
  const dt = (toSeconds - fromSeconds) / n;
  let wattSeconds = 0;
  for (let i = 0; i < n; i++) wattSeconds += clearSkyPowerW(site, fromSeconds + (i + 0.5) * dt) * dt;
  return wattSeconds / 3_600;
}

/**
 * Clouds as a pure function of time: a latent value made of regional weather (shared by every panel of a run, changing
 * over hours) and a local part (each panel's own passing clouds, changing over an hour or so), turned into the share
 * of clear-sky light that gets through, between MIN_CLEARNESS (overcast) and 1 (clear). Clouds only take light away.
 */
export type CloudSeeds = { regional: string; local: string };

export const MIN_CLEARNESS = 0.15;
const REGIONAL_KNOT_SECONDS = 3 * 3_600;
const LOCAL_KNOT_SECONDS = 90 * 60;
/** Shifts the cover towards clear skies: about a third of the light is lost on average. */
const CLOUD_BIAS = -0.8;

/** The share of clear-sky light that gets through at a moment, in [MIN_CLEARNESS, 1]. */
export function cloudClearness(seeds: CloudSeeds, unixSeconds: number, cache?: Map<string, number>): number {
  const latent =
    0.8 * smoothNoise(seeds.regional, unixSeconds, REGIONAL_KNOT_SECONDS, cache) +
    0.6 * smoothNoise(seeds.local, unixSeconds, LOCAL_KNOT_SECONDS, cache);
  const cover = 1 / (1 + Math.exp(-(1.6 * latent + CLOUD_BIAS)));
  return 1 - (1 - MIN_CLEARNESS) * cover;
}

// Hash routing (#/, #/consumer, #/generators/0x…, #/devices/3, #/projects/2): the node serves one index.html, and needs no
// fallback route.
import { useSyncExternalStore } from "react";

export type Route =
  | { screen: "dashboard" }
  | { screen: "consumer" }
  | { screen: "provider" }
  | { screen: "financier" }
  | { screen: "generator"; address: `0x${string}` }
  | { screen: "devices" }
  | { screen: "device"; deviceId: bigint }
  | { screen: "dao" }
  | { screen: "energy" }
  | { screen: "swap" }
  | { screen: "capital" }
  | { screen: "projects" }
  | { screen: "project"; projectId: bigint }
  | { screen: "notFound"; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "") || "/";
  if (path === "/" || path === "") return { screen: "dashboard" };
  if (path === "/consumer") return { screen: "consumer" };
  if (path === "/provider") return { screen: "provider" };
  if (path === "/financier") return { screen: "financier" };
  if (path === "/devices") return { screen: "devices" };
  if (path === "/dao") return { screen: "dao" };
  if (path === "/energy") return { screen: "energy" };
  if (path === "/swap") return { screen: "swap" };
  if (path === "/capital") return { screen: "capital" };
  if (path === "/projects") return { screen: "projects" };
  const project = /^\/projects\/([1-9][0-9]{0,19})$/.exec(path);
  if (project?.[1]) return { screen: "project", projectId: BigInt(project[1]) };
  const device = /^\/devices\/([1-9][0-9]{0,19})$/.exec(path);
  if (device?.[1]) return { screen: "device", deviceId: BigInt(device[1]) };
  const generator = /^\/generators\/(0x[0-9a-fA-F]{40})$/.exec(path);
  if (generator?.[1]) return { screen: "generator", address: generator[1] as `0x${string}` };
  return { screen: "notFound", path };
}

/** Set when the user moves to another screen, so that the new screen takes the focus (see ScreenMain). */
let focusOnNextScreen = false;

export function takeScreenFocus(): boolean {
  const take = focusOnNextScreen;
  focusOnNextScreen = false;
  return take;
}

function subscribe(listener: () => void): () => void {
  const onChange = () => {
    focusOnNextScreen = true;
    listener();
  };
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function generatorHref(address: string): string {
  return `#/generators/${address}`;
}

export function deviceHref(deviceId: bigint): string {
  return `#/devices/${deviceId}`;
}

export function projectHref(projectId: bigint): string {
  return `#/projects/${projectId}`;
}

// The chain's clock as the screens estimate it. Deadlines are measured against block time, which runs ahead of the
// wall clock once development time travel has moved it. The offset is known exactly after a move made here, and
// otherwise bounded from below by every block timestamp seen (a block is never from the future).
import { useEffect, useState, useSyncExternalStore } from "react";

let offsetSeconds = 0n;
const listeners = new Set<() => void>();

function wallSeconds(): bigint {
  return BigInt(Math.floor(Date.now() / 1000));
}

function emit(): void {
  for (const listener of listeners) listener();
}

/** A block carrying this timestamp exists now, so the chain's clock is at least there. */
export function observeBlockTime(timestampSeconds: bigint): void {
  const atLeast = timestampSeconds - wallSeconds();
  if (atLeast > offsetSeconds) {
    offsetSeconds = atLeast;
    emit();
  }
}

/** The node told us the exact offset (after moving the clock). */
export function setClockOffset(seconds: bigint): void {
  offsetSeconds = seconds;
  emit();
}

export function chainNowSeconds(): bigint {
  return wallSeconds() + offsetSeconds;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): string {
  return offsetSeconds.toString();
}

/** The chain's time now, re-rendering as the estimate moves and every `tickMs`. */
export function useChainNow(tickMs = 15_000): bigint {
  useSyncExternalStore(subscribe, snapshot);
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((t) => t + 1), tickMs);
    return () => window.clearInterval(timer);
  }, [tickMs]);
  return chainNowSeconds();
}

export function useClockOffsetSeconds(): bigint {
  return BigInt(useSyncExternalStore(subscribe, snapshot));
}

// One counter every screen's reads depend on: a write, a move of the clock or a live event bumps it, and every
// visible list reads again, so what the screens show follows the chain without a reload.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";

type Refresh = { version: number; refresh(): void; refreshSoon(): void };

const RefreshContext = createContext<Refresh>({ version: 0, refresh: () => {}, refreshSoon: () => {} });

/** Live events come in bursts (one block, many events); one read per burst is enough. */
const BURST_MS = 500;

export function RefreshProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const timer = useRef<number | null>(null);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const refreshSoon = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      setVersion((v) => v + 1);
    }, BURST_MS);
  }, []);
  const value = useMemo(() => ({ version, refresh, refreshSoon }), [version, refresh, refreshSoon]);
  return <RefreshContext.Provider value={value}>{children}</RefreshContext.Provider>;
}

export function useRefresh(): Refresh {
  return useContext(RefreshContext);
}

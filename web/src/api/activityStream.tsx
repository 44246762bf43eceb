// The live activity feed: one Server-Sent Events connection for the whole app. Every event moves the chain-clock
// estimate, asks the screens to read again, and reaches whoever listens (the dashboard's feed).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef } from "react";
import { observeBlockTime } from "../chain/chainClock.ts";
import { decodeActivity } from "./decode.ts";
import { useRefresh } from "./refresh.tsx";
import type { ActivityItem } from "./types.ts";

type Listener = (item: ActivityItem) => void;
type Subscribe = (listener: Listener) => () => void;

const ActivityContext = createContext<Subscribe>(() => () => {});

export function ActivityStreamProvider({ children }: { children: ReactNode }) {
  const { refreshSoon } = useRefresh();
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/v1/events");
    source.addEventListener("activity", (event) => {
      let item: ActivityItem;
      try {
        item = decodeActivity(JSON.parse((event as MessageEvent<string>).data));
      } catch {
        return;
      }
      observeBlockTime(item.timestamp);
      for (const listener of listeners.current) listener(item);
      refreshSoon();
    });
    return () => source.close();
  }, [refreshSoon]);

  const subscribe = useCallback<Subscribe>((listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  return <ActivityContext.Provider value={subscribe}>{children}</ActivityContext.Provider>;
}

export function useActivityListener(listener: Listener): void {
  const subscribe = useContext(ActivityContext);
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribe((item) => ref.current(item)), [subscribe]);
}

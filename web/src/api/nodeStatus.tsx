// The node's status (mode, chain, contract addresses, totals), read once for the whole app and again on refresh.
import { createContext, type ReactNode, useContext, useEffect } from "react";
import { observeBlockTime } from "../chain/chainClock.ts";
import { decodeStatus } from "./decode.ts";
import type { NodeStatus } from "./types.ts";
import { type ApiRead, useApi } from "./useApi.ts";

const NodeStatusContext = createContext<ApiRead<NodeStatus>>({ data: undefined, error: undefined, loading: true });

export function NodeStatusProvider({ children }: { children: ReactNode }) {
  const read = useApi("/api/v1/status", decodeStatus);
  // The node knows the chain's clock exactly; the screens' deadlines follow it.
  useEffect(() => {
    if (read.data) observeBlockTime(read.data.chainTimeSeconds);
  }, [read.data]);
  return <NodeStatusContext.Provider value={read}>{children}</NodeStatusContext.Provider>;
}

export function useNodeStatus(): ApiRead<NodeStatus> {
  return useContext(NodeStatusContext);
}

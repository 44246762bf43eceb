// A read from the node that follows the refresh counter. While it reads again the last answer stays on screen, so
// lists do not flicker and forms beside them keep what was typed.
import { useEffect, useRef, useState } from "react";
import { getJson } from "./http.ts";
import { useRefresh } from "./refresh.tsx";

export type ApiRead<T> = {
  data: T | undefined;
  error: unknown;
  /** True until the first answer (or failure) for this path. */
  loading: boolean;
};

/** @param path null to read nothing (e.g. no account chosen yet). */
export function useApi<T>(path: string | null, decode: (json: unknown) => T): ApiRead<T> {
  const { version } = useRefresh();
  const decodeRef = useRef(decode);
  decodeRef.current = decode;
  const [state, setState] = useState<ApiRead<T> & { path: string | null }>({
    data: undefined,
    error: undefined,
    loading: path !== null,
    path,
  });

  useEffect(() => {
    if (path === null) {
      setState({ data: undefined, error: undefined, loading: false, path });
      return;
    }
    const controller = new AbortController();
    setState((s) => (s.path === path ? s : { data: undefined, error: undefined, loading: true, path }));
    getJson(path, controller.signal)
      .then((json) => {
        if (!controller.signal.aborted) {
          setState({ data: decodeRef.current(json), error: undefined, loading: false, path });
        }
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setState((s) => ({ data: s.path === path ? s.data : undefined, error, loading: false, path }));
        }
      });
    // `version` is read so that every refresh reads again.
    void version;
    return () => controller.abort();
  }, [path, version]);

  return state.path === path ? state : { data: undefined, error: undefined, loading: path !== null };
}

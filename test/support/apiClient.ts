// A small client for the node's HTTP API in tests: JSON in, JSON out, status kept.
export type ApiAnswer = { status: number; body: any };

export function apiClient(baseUrl: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    }
    const response = await fetch(`${baseUrl}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (metrics, docs)
    }
    return { status: response.status, body: parsed };
  };
  return {
    call,
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown) => call("POST", path, body),
    /** Encodes an action, has a development account sign it, and returns the relay's answer. */
    async devAct(from: string, action: string, fields: Record<string, string>): Promise<ApiAnswer> {
      const prepared = await call("POST", `/api/v1/actions/${action}`, fields);
      if (prepared.status !== 200) return prepared;
      return call("POST", "/api/v1/dev/transactions", { from, to: prepared.body.to, data: prepared.body.data });
    },
  };
}

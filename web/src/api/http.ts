// JSON over HTTP to the node's API. Every failure becomes an ApiError that keeps what the API said, so screens can
// show the contract's sentence or the field and reason rather than a status code.

export type ApiErrorBody = {
  code: string;
  message: string;
  field?: string;
  reason?: string;
  name?: string;
  sentence?: string;
};

export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly body: ApiErrorBody;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

/** The node could not be reached at all (stopped, or the network is down). */
export class UnreachableError extends Error {
  override name = "UnreachableError";
}

async function request(method: "GET" | "POST", path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
  const init: RequestInit = { method, headers: { accept: "application/json" } };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: "application/json", "content-type": "application/json" };
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new UnreachableError("The node could not be reached. Check that it is running, then try again.");
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (parsed as { error?: ApiErrorBody } | null)?.error;
    throw new ApiError(
      response.status,
      error ?? { code: "http_error", message: `The node answered ${response.status}.` },
    );
  }
  return parsed;
}

export function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  return request("GET", path, undefined, signal);
}

export function postJson(path: string, body: unknown): Promise<unknown> {
  return request("POST", path, body);
}

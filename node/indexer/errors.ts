// Which failures the indexer waits out (the chain's RPC or the database being unreachable, a reorg racing a read)
// and which it surfaces (anything else is a bug or a misconfiguration, and retrying would only repeat it).

/** The chain changed under a read (a block's hash moved between two requests): read again. */
export class ChainMovedError extends Error {
  override name = "ChainMovedError";
  readonly blockNumber: bigint;
  constructor(blockNumber: bigint, detail: string) {
    super(`the chain changed at block ${blockNumber} while indexing: ${detail}`);
    this.blockNumber = blockNumber;
  }
}

/** The indexer hit a failure it does not retry; `cause` is the original error. */
export class IndexerFatalError extends Error {
  override name = "IndexerFatalError";
  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

export class IndexerStoppedError extends Error {
  override name = "IndexerStoppedError";
  constructor() {
    super("the indexer was stopped");
  }
}

const RETRYABLE_NAMES = new Set([
  "ChainMovedError",
  // viem: the transport or the node failed, not the request.
  "HttpRequestError",
  "TimeoutError",
  "SocketClosedError",
  "WebSocketRequestError",
  "LimitExceededRpcError",
  "ResourceUnavailableRpcError",
  "InternalRpcError",
]);

const RETRYABLE_SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

// PostgreSQL SQLSTATEs: connection exceptions (08), insufficient resources (53), operator intervention (57P01–03:
// shutdown, crash, cannot connect now), serialization failure and deadlock.
const RETRYABLE_SQLSTATE = /^(08...|53...|57P0[123]|40001|40P01)$/;

/** Whether waiting and trying again can make `error` go away. Looks through `cause` chains. */
export function isRetryable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (RETRYABLE_NAMES.has(e.name)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (RETRYABLE_SYSTEM_CODES.has(code) || RETRYABLE_SQLSTATE.test(code))) return true;
    // node-postgres reports a dropped connection without a code.
    if (/Connection terminated|Client has encountered a connection error/i.test(e.message)) return true;
  }
  return false;
}

/** An eth_getLogs error that asks for a smaller block range (providers cap results or ranges). */
export function isRangeTooLarge(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e.name === "LimitExceededRpcError") return true;
    if (
      /block range|range (is )?too (large|wide)|more than \d+ results|too many (results|logs)|response size|query timeout|limit exceeded/i.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}

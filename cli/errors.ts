// The CLI's own errors and how every error becomes a message and an exit code. Expected failures print one or two
// plain lines and never a stack trace; a stack shows only for the unexpected, and only with DREX_DEBUG=1.
import { BaseError, HttpRequestError } from "viem";
import { DeploymentFileError } from "../node/deployment.ts";
import { DrexError, InvalidParameterError, TransactionRevertedError, toContractRevertError } from "../sdk/errors.ts";

export const EXIT_FAILURE = 1;
/** Bad flags or arguments: the command was refused before anything was sent. */
export const EXIT_USAGE = 2;

/** Input refused before anything reaches the chain (exit code 2). `field` is the flag or argument at fault. */
export class UsageError extends Error {
  override name = "UsageError";
  readonly field: string | null;

  constructor(field: string | null, reason: string) {
    super(field === null ? reason : `${field}: ${reason}`);
    this.field = field;
  }
}

/** An expected failure with a message fit to show as it is: an unreachable node, a wrong password (exit code 1). */
export class CliError extends Error {
  override name = "CliError";
}

export type ErrorReport = {
  exitCode: number;
  /** The lines to print after "error: ". */
  lines: string[];
  /** The same for --json: what scripts may branch on. */
  json: Record<string, unknown>;
};

export function describeError(error: unknown): ErrorReport {
  if (error instanceof UsageError) {
    return {
      exitCode: EXIT_USAGE,
      lines: [error.message],
      json: { kind: "usage", field: error.field, message: error.message },
    };
  }
  if (error instanceof InvalidParameterError) {
    return {
      exitCode: EXIT_USAGE,
      lines: [error.shortMessage],
      json: { kind: "usage", field: error.parameter, message: error.shortMessage },
    };
  }
  const revert = toContractRevertError(error);
  if (revert) {
    const call = `${revert.errorName}(${revert.args.map(formatArg).join(", ")})`;
    return {
      exitCode: EXIT_FAILURE,
      lines: [revert.sentence, `  the contract reverted with ${call}`],
      json: {
        kind: "revert",
        message: revert.sentence,
        errorName: revert.errorName,
        args: revert.args.map(formatArg),
        namedArgs: Object.fromEntries(Object.entries(revert.namedArgs).map(([k, v]) => [k, formatArg(v)])),
      },
    };
  }
  if (error instanceof TransactionRevertedError) {
    return {
      exitCode: EXIT_FAILURE,
      lines: [error.shortMessage, `  ${error.details}`],
      json: { kind: "reverted", message: error.shortMessage, hash: error.hash },
    };
  }
  const http = findHttpError(error);
  if (http) {
    const url = http.url.replace(/\/$/, "");
    const message =
      http.status === undefined
        ? `cannot reach the JSON-RPC endpoint at ${url} (${networkReason(http.cause)}): is the chain running? Check --rpc-url or DREX_RPC_URL`
        : `the JSON-RPC endpoint at ${url} answered HTTP ${http.status}`;
    return { exitCode: EXIT_FAILURE, lines: [message], json: { kind: "unreachable", url, message } };
  }
  if (error instanceof CliError || error instanceof DeploymentFileError) {
    return { exitCode: EXIT_FAILURE, lines: [error.message], json: { kind: "failure", message: error.message } };
  }
  if (error instanceof DrexError || error instanceof BaseError) {
    return {
      exitCode: EXIT_FAILURE,
      lines: [error.shortMessage],
      json: { kind: "failure", message: error.shortMessage },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const debug = process.env.DREX_DEBUG === "1" && error instanceof Error && error.stack ? [error.stack] : [];
  return { exitCode: EXIT_FAILURE, lines: [message, ...debug], json: { kind: "failure", message } };
}

/** Why a fetch failed, in a few words: "connection refused", "timed out". */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND") return "host not found";
  if ((error as Error | undefined)?.name === "TimeoutError") return "timed out";
  return cause?.code ?? cause?.message ?? (error as Error | undefined)?.message ?? "no answer";
}

function findHttpError(error: unknown): HttpRequestError | undefined {
  if (error instanceof BaseError) {
    const found = error.walk((e) => e instanceof HttpRequestError);
    if (found instanceof HttpRequestError) return found;
  }
  return undefined;
}

function formatArg(value: unknown): string {
  return typeof value === "bigint" ? value.toString() : String(value);
}

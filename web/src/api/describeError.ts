// Failures in plain words: a refusal by the contracts shows its sentence, bad input names the field and the reason,
// and nothing shows raw hex or a stack trace.
import { ApiError, UnreachableError } from "./http.ts";

/** "body.amountWei" → "amountWei". */
function fieldName(field: string): string {
  return field.replace(/^(body|querystring|params|headers)\./, "");
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const { body, status } = error;
    if (status === 422 && body.sentence) return body.sentence;
    if (status === 400 && body.field)
      return `The node refused ${fieldName(body.field)}: ${body.reason ?? body.message}.`;
    if (status === 404) return "The node does not know that item.";
    if (status === 503) return "The chain did not answer; try again shortly.";
    return withoutHex(body.message);
  }
  if (error instanceof UnreachableError) return error.message;
  if (isWalletRejection(error)) return "The transaction was rejected in the wallet; nothing was sent.";
  if (error instanceof Error) return withoutHex(error.message.split("\n")[0] ?? error.message);
  return "Something went wrong; nothing was changed.";
}

function isWalletRejection(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 4001;
}

/** Long hex strings mean nothing to people; they are shortened the way addresses are shown. */
function withoutHex(text: string): string {
  return text.replace(/0x[0-9a-fA-F]{16,}/g, (hex) => `${hex.slice(0, 6)}…${hex.slice(-4)}`);
}

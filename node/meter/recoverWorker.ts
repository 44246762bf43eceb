// A worker of the signature pool: recovers the signer of each encoded reading (see recoverPool.ts).
import { parentPort, workerData } from "node:worker_threads";
import { ENCODED_READING_BYTES, readingDigestOf, recoverSignerInto, SIGNATURE_BYTES } from "./codec.ts";

export type RecoverRequest = { id: number; encoded: Uint8Array; signatures: Uint8Array; count: number };
export type RecoverResponse = { id: number; signers: Uint8Array; valid: Uint8Array };

const domainSeparator = workerData.domainSeparator as Uint8Array;

parentPort?.on("message", (request: RecoverRequest) => {
  const signers = new Uint8Array(request.count * 20);
  const valid = new Uint8Array(request.count);
  for (let i = 0; i < request.count; i++) {
    const digest = readingDigestOf(domainSeparator, request.encoded, i * ENCODED_READING_BYTES);
    valid[i] = recoverSignerInto(digest, request.signatures, i * SIGNATURE_BYTES, signers, i * 20) ? 1 : 0;
  }
  const response: RecoverResponse = { id: request.id, signers, valid };
  parentPort?.postMessage(response, [signers.buffer, valid.buffer]);
});

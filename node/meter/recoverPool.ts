// Signature recovery on every core: a few worker threads, each recovering the signers of a slice of readings with
// libsecp256k1, so the main thread keeps checking and storing while they work.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ENCODED_READING_BYTES, SIGNATURE_BYTES } from "./codec.ts";
import type { RecoverRequest, RecoverResponse } from "./recoverWorker.ts";

type Pending = { resolve: (r: RecoverResponse) => void; reject: (e: Error) => void };

/** Below this many readings a request goes to one worker whole: splitting would cost more than it saves. */
const MIN_SLICE = 64;

export class RecoverPool {
  readonly #workers: { worker: Worker; load: number }[] = [];
  readonly #pending = new Map<number, Pending & { worker: number }>();
  #nextId = 1;
  #closed = false;

  constructor(domainSeparator: Uint8Array, size = availableParallelism()) {
    for (let w = 0; w < Math.max(1, size); w++) {
      const worker = new Worker(new URL("./recoverWorker.ts", import.meta.url), { workerData: { domainSeparator } });
      worker.on("message", (response: RecoverResponse) => {
        const pending = this.#pending.get(response.id);
        if (!pending) return;
        this.#pending.delete(response.id);
        const slot = this.#workers[pending.worker];
        if (slot) slot.load -= response.valid.length;
        pending.resolve(response);
      });
      worker.on("error", (error) => this.#failAll(error));
      worker.on("exit", (code) => {
        if (this.#closed) return;
        // A worker that stopped would leave its share of every later request unanswered: the pool stops with it.
        this.#closed = true;
        this.#failAll(new Error(`a signature worker stopped (exit code ${code})`));
      });
      this.#workers.push({ worker, load: 0 });
    }
  }

  /**
   * The signers (20 bytes each) of `count` encoded readings with their 65-byte signatures, and for each whether its
   * signature could be recovered at all.
   */
  async recover(
    encoded: Uint8Array,
    signatures: Uint8Array,
    count: number,
  ): Promise<{ signers: Uint8Array; valid: Uint8Array }> {
    if (this.#closed) throw new Error("the signature pool is closed");
    const slices = Math.max(1, Math.min(this.#workers.length, Math.floor(count / MIN_SLICE)));
    const per = Math.ceil(count / slices);
    const parts: Promise<RecoverResponse>[] = [];
    for (let start = 0; start < count; start += per) {
      const n = Math.min(per, count - start);
      parts.push(
        this.#send(
          encoded.slice(start * ENCODED_READING_BYTES, (start + n) * ENCODED_READING_BYTES),
          signatures.slice(start * SIGNATURE_BYTES, (start + n) * SIGNATURE_BYTES),
          n,
        ),
      );
    }
    const responses = await Promise.all(parts);
    if (responses.length === 1) return responses[0] as RecoverResponse;
    const signers = new Uint8Array(count * 20);
    const valid = new Uint8Array(count);
    let at = 0;
    for (const r of responses) {
      signers.set(r.signers, at * 20);
      valid.set(r.valid, at);
      at += r.valid.length;
    }
    return { signers, valid };
  }

  #send(encoded: Uint8Array, signatures: Uint8Array, count: number): Promise<RecoverResponse> {
    let index = 0;
    for (let w = 1; w < this.#workers.length; w++) {
      if ((this.#workers[w]?.load ?? 0) < (this.#workers[index]?.load ?? 0)) index = w;
    }
    const slot = this.#workers[index] as { worker: Worker; load: number };
    slot.load += count;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, worker: index });
      const request: RecoverRequest = { id, encoded, signatures, count };
      slot.worker.postMessage(request, [encoded.buffer as ArrayBuffer, signatures.buffer as ArrayBuffer]);
    });
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  /** Whether the pool takes no more requests (closed, or one of its workers stopped). */
  get closed(): boolean {
    return this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#failAll(new Error("the signature pool was closed"));
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }
}

// Fans indexed events out to Server-Sent-Event subscribers. A slow subscriber is dropped rather than buffered
// without bound: it reconnects with Last-Event-ID and catches up from the store.
import type { ActivityRow } from "../store/views.ts";

export type ActivityListener = (rows: ActivityRow[]) => void;

export class ActivityHub {
  readonly #listeners = new Set<ActivityListener>();

  subscribe(listener: ActivityListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(rows: ActivityRow[]): void {
    if (rows.length === 0) return;
    for (const listener of this.#listeners) listener(rows);
  }
}

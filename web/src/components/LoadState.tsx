// What a section shows while its read is under way or has failed.
import { describeError } from "../api/describeError.ts";

export function LoadState({ loading, error, what }: { loading: boolean; error: unknown; what: string }) {
  if (error) {
    return (
      <p role="alert" className="load-error">
        Could not load {what}: {describeError(error)}
      </p>
    );
  }
  if (loading) return <p className="loading">Loading {what}…</p>;
  return null;
}

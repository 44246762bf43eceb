// Where a write reports: a polite live region for pending and done, an alert for a failure.

import type { TxState } from "./useTransaction.ts";

export function TxStatus({ state }: { state: TxState }) {
  return (
    <div className="tx-status">
      <p role="status" aria-live="polite" className={state.phase === "done" ? "tx-done" : "tx-pending"}>
        {state.phase === "pending" || state.phase === "done" ? state.message : ""}
      </p>
      {state.phase === "failed" ? (
        <p role="alert" className="tx-failed">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

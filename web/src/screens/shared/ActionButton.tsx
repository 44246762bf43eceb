// A one-click write (accept, withdraw, refund, claim…) with its own pending and failure report.
import { TxStatus } from "../../tx/TxStatus.tsx";
import { type TxStep, useTransaction } from "../../tx/useTransaction.ts";

export function ActionButton({
  children,
  context,
  steps,
  doneMessage,
  className,
}: {
  children: string;
  /** Said after the visible text to assistive technology, when the text alone is ambiguous in a list. */
  context?: string;
  steps: () => TxStep[];
  doneMessage: string;
  className?: string;
}) {
  const tx = useTransaction();
  return (
    <div className="action">
      <button
        type="button"
        className={className}
        disabled={tx.pending}
        onClick={() => void tx.run(steps(), doneMessage)}
      >
        {children}
        {context ? <span className="visually-hidden"> {context}</span> : null}
      </button>
      <TxStatus state={tx.state} />
    </div>
  );
}

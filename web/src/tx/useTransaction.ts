// Runs a write as the user sees it: each step is encoded by the node (POST /api/v1/actions/{name}), signed by the
// wallet, and waited for; approvals come first where a contract takes tokens. The state says what is pending, what
// is done and, in plain words, what failed.
import { useCallback, useState } from "react";
import { formatSolar } from "../../../sdk/format.ts";
import { decodeUnsignedTransaction } from "../api/decode.ts";
import { describeError } from "../api/describeError.ts";
import { postJson } from "../api/http.ts";
import { useRefresh } from "../api/refresh.tsx";
import type { Address } from "../api/types.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

export type TxStep = {
  /** What the step does, in words: "Fund request #3 with 500 SOLAR". */
  label: string;
  action: string;
  /** The action's JSON body: strings, and the booleans and arrays some actions take. */
  fields: Record<string, unknown>;
};

export type TxState =
  | { phase: "idle" }
  | { phase: "pending"; message: string }
  | { phase: "done"; message: string }
  | { phase: "failed"; message: string };

export function approveStep(spender: Address, amountWei: bigint, spenderName: string): TxStep {
  return {
    label: `Allow ${spenderName} to take ${formatSolar(amountWei)}`,
    action: "approve",
    fields: { spender, amountWei: amountWei.toString() },
  };
}

export function useTransaction(): {
  state: TxState;
  pending: boolean;
  run(steps: TxStep[], doneMessage: string): Promise<boolean>;
} {
  const wallet = useWallet();
  const { refresh } = useRefresh();
  const [state, setState] = useState<TxState>({ phase: "idle" });

  const run = useCallback(
    async (steps: TxStep[], doneMessage: string) => {
      if (wallet.address === null) {
        setState({ phase: "failed", message: "Choose an account first (at the top of the page)." });
        return false;
      }
      try {
        for (const [index, step] of steps.entries()) {
          const counter = steps.length > 1 ? ` (step ${index + 1} of ${steps.length})` : "";
          setState({ phase: "pending", message: `Pending: ${step.label}${counter}. Waiting for the chain…` });
          const tx = decodeUnsignedTransaction(await postJson(`/api/v1/actions/${step.action}`, step.fields));
          await wallet.send(tx);
        }
        setState({ phase: "done", message: doneMessage });
        return true;
      } catch (error) {
        setState({ phase: "failed", message: describeError(error) });
        return false;
      } finally {
        refresh();
      }
    },
    [wallet, refresh],
  );

  return { state, pending: state.phase === "pending", run };
}

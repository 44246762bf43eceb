// MX4: a member proposes to approve a payment request (minting its tokens, MX5) or to refuse it with a reason.
import { useId } from "react";
import type { Address } from "../../api/types.ts";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkText } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { MAX_TEXT_BYTES } from "../energy/energyChecks.ts";
import { proposeDisabledWhy } from "./memberGate.ts";

export function ProposePaymentForm({
  requestId,
  checksPassed,
  members,
}: {
  requestId: bigint;
  checksPassed: boolean;
  members: Address[] | undefined;
}) {
  const { address } = useWallet();
  const tx = useTransaction();
  const whyId = useId();
  const id = requestId.toString();
  const disabledWhy = proposeDisabledWhy(members, address);
  const form = useForm({ decision: checksPassed ? "approve" : "refuse", reason: "" }, (v) => ({
    decision: v.decision === "approve" || v.decision === "refuse" ? null : "Choose a decision.",
    reason: checkText(v.reason, {
      what: "why the payment is refused",
      required: v.decision === "refuse",
      maxBytes: MAX_TEXT_BYTES,
    }),
  }));

  const submit = form.onSubmit(async (v) => {
    const fields: Record<string, string> = { requestId: id, decision: v.decision };
    if (v.reason.trim() !== "") fields.reason = v.reason.trim();
    const ok = await tx.run(
      [{ label: `Propose: ${v.decision} payment request #${id}`, action: "proposePaymentDecision", fields }],
      `Proposed: ${v.decision} payment request #${id}. Members may now vote on it.`,
    );
    if (ok) form.setValues((values) => ({ ...values, reason: "" }));
  });

  return (
    <form onSubmit={submit} noValidate aria-label={`Propose a decision on payment request #${id}`}>
      <SelectField
        {...form.bind("decision")}
        label="Decision"
        options={[
          { value: "approve", label: "Approve and mint" },
          { value: "refuse", label: "Refuse" },
        ]}
      />
      <TextField {...form.bind("reason")} label="Reason" hint="Needed to refuse; kept on-chain." />
      {disabledWhy ? (
        <p id={whyId} className="muted">
          {disabledWhy}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={disabledWhy !== null || tx.pending}
        aria-describedby={disabledWhy ? whyId : undefined}
      >
        Propose
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

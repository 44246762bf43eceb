// MX1: a member proposes a decision on a device: approve or reject an application, suspend, reinstate or revoke.
// Rejection, suspension and revocation carry a reason, kept on-chain.
import { useId } from "react";
import type { Address } from "../../api/types.ts";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkText } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { checkId, MAX_TEXT_BYTES } from "../energy/energyChecks.ts";
import { proposeDisabledWhy } from "./memberGate.ts";

export const DEVICE_DECISIONS = ["approve", "reject", "suspend", "reinstate", "revoke"] as const;
export type DeviceDecision = (typeof DEVICE_DECISIONS)[number];

const NEEDS_REASON: readonly DeviceDecision[] = ["reject", "suspend", "revoke"];

const PAST: Record<DeviceDecision, string> = {
  approve: "approved",
  reject: "rejected",
  suspend: "suspended",
  reinstate: "reinstated",
  revoke: "revoked",
};

const DECISION_LABELS: Record<DeviceDecision, string> = {
  approve: "Approve the application",
  reject: "Reject the application",
  suspend: "Suspend the device",
  reinstate: "Reinstate the device",
  revoke: "Revoke the device for good",
};

export function ProposeDeviceForm({
  deviceId,
  decisions,
  members,
  label,
}: {
  /** Fixed when the form sits under a device; otherwise the member enters it. */
  deviceId?: bigint;
  decisions: readonly DeviceDecision[];
  members: Address[] | undefined;
  label: string;
}) {
  const { address } = useWallet();
  const tx = useTransaction();
  const whyId = useId();
  const disabledWhy = proposeDisabledWhy(members, address);
  const form = useForm(
    { deviceId: deviceId?.toString() ?? "", decision: decisions[0] ?? "approve", reason: "" },
    (v) => {
      const decision = DEVICE_DECISIONS.find((d) => d === v.decision);
      const needsReason = decision !== undefined && NEEDS_REASON.includes(decision);
      return {
        deviceId: deviceId === undefined ? checkId(v.deviceId, "device") : null,
        decision: decision && decisions.includes(decision) ? null : "Choose a decision.",
        reason: checkText(v.reason, {
          what: `why the device should be ${PAST[decision ?? "approve"]}`,
          required: needsReason,
          maxBytes: MAX_TEXT_BYTES,
        }),
      };
    },
  );

  const submit = form.onSubmit(async (v) => {
    const id = deviceId?.toString() ?? v.deviceId.trim();
    const fields: Record<string, string> = { deviceId: id, decision: v.decision };
    if (v.reason.trim() !== "") fields.reason = v.reason.trim();
    const ok = await tx.run(
      [{ label: `Propose: ${v.decision} device #${id}`, action: "proposeDeviceDecision", fields }],
      `Proposed: ${v.decision} device #${id}. Members may now vote on it.`,
    );
    if (ok) form.setValues((values) => ({ ...values, reason: "" }));
  });

  return (
    <form onSubmit={submit} noValidate aria-label={label} className="propose-form">
      {deviceId === undefined ? <TextField {...form.bind("deviceId")} label="Device id" inputMode="numeric" /> : null}
      <SelectField
        {...form.bind("decision")}
        label="Decision"
        options={decisions.map((d) => ({ value: d, label: DECISION_LABELS[d] }))}
      />
      <TextField
        {...form.bind("reason")}
        label="Reason"
        hint="Kept on-chain. Needed to reject, suspend or revoke; optional to approve or reinstate."
      />
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

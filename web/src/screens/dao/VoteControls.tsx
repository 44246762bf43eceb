// MX1, MX4: a member votes for, against or abstains, with an optional reason. Anyone else sees the controls
// disabled and is told why.
import { useId, useState } from "react";
import type { ProposalRow, VoteSupport } from "../../api/energyTypes.ts";
import type { Address } from "../../api/types.ts";
import { TextField } from "../../forms/Field.tsx";
import { checkText } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { MAX_TEXT_BYTES } from "../energy/energyChecks.ts";

const SUPPORT_BUTTONS: { support: VoteSupport; text: string; done: string }[] = [
  { support: "for", text: "Vote for", done: "You voted for" },
  { support: "against", text: "Vote against", done: "You voted against" },
  { support: "abstain", text: "Abstain", done: "You abstained on" },
];

function whyDisabled(
  proposal: ProposalRow,
  address: Address | null,
  isMember: boolean,
  ownVote: VoteSupport | null,
): string | null {
  if (address === null) return "Choose an account at the top of the page to vote.";
  if (!isMember) return "Only members of the Technical DAO vote; the account you act as is not a member.";
  if (ownVote !== null) return `You have voted (${ownVote}); a vote cannot be changed.`;
  if (proposal.state === "pending") return "Voting has not opened yet.";
  if (proposal.state !== "active") return "Voting on this proposal is closed.";
  return null;
}

export function VoteControls({ proposal, members }: { proposal: ProposalRow; members: Address[] }) {
  const { address } = useWallet();
  const tx = useTransaction();
  const idBase = useId();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const lower = address?.toLowerCase();
  const isMember = lower !== undefined && members.some((m) => m.toLowerCase() === lower);
  const ownVote = proposal.votes.find((v) => v.voter.toLowerCase() === lower)?.support ?? null;
  const disabledWhy = whyDisabled(proposal, address, isMember, ownVote);
  const title = proposal.description.split("\n")[0] ?? "";

  const vote = async (support: VoteSupport, done: string) => {
    const error = checkText(reason, { what: "a reason", required: false, maxBytes: MAX_TEXT_BYTES });
    setReasonError(error);
    if (error) {
      document.getElementById(`${idBase}-reason`)?.focus();
      return;
    }
    const fields: Record<string, string> = { proposalId: proposal.proposalId.toString(), support };
    if (reason.trim() !== "") fields.reason = reason.trim();
    const ok = await tx.run(
      [{ label: `Vote ${support} on “${title}”`, action: "castVote", fields }],
      `${done} “${title}”.`,
    );
    if (ok) setReason("");
  };

  return (
    <fieldset className="vote-controls" aria-describedby={disabledWhy ? `${idBase}-why` : undefined}>
      <legend>Your vote</legend>
      {disabledWhy ? (
        <p id={`${idBase}-why`} className="muted" data-testid="vote-disabled-reason">
          {disabledWhy}
        </p>
      ) : (
        <TextField
          id={`${idBase}-reason`}
          label="Reason for your vote (optional)"
          value={reason}
          error={reasonError}
          onChange={(v) => {
            setReason(v);
            setReasonError(null);
          }}
        />
      )}
      <div className="button-row">
        {SUPPORT_BUTTONS.map((b) => (
          <button
            key={b.support}
            type="button"
            className={b.support === "for" ? undefined : "secondary"}
            disabled={disabledWhy !== null || tx.pending}
            onClick={() => void vote(b.support, b.done)}
          >
            {b.text}
            <span className="visually-hidden"> on “{title}”</span>
          </button>
        ))}
      </div>
      <TxStatus state={tx.state} />
    </fieldset>
  );
}

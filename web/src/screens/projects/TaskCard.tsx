// DS5, DS6: one task of an active project: claim it with the requisite reputation, submit evidence of the work,
// validate it for or against with capital tokens (five slots a side; never one's own task), and the poll that
// decides it when both sides staked.
import type { DistributeAccount, DistributeOverview, Task, TaskStatus } from "../../api/distributeTypes.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { TimeLeft } from "../../components/TimeLeft.tsx";
import { SelectField, TextAreaField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkText } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { checkTokenAmount, tokenInputToWei } from "../energy/energyChecks.ts";
import { ActionButton } from "../shared/ActionButton.tsx";
import {
  approveFor,
  formatBpsNumber,
  formatCapital,
  formatReputation,
  formatWei,
  sameAddress,
} from "./distributeShared.ts";
import { PollPanel } from "./PollPanel.tsx";

/** DistributeTasks: five validators a side. */
export const SLOTS_PER_SIDE = 5;
const MAX_EVIDENCE_BYTES = 1024;
/** Validation stakes are uint96. */
const MAX_STAKE = (1n << 96n) - 1n;

const STATUS_MEANING: Record<TaskStatus, string> = {
  open: "open: a reputation holder may claim it",
  claimed: "claimed: the work is under way",
  validating: "evidence submitted: token holders validate it",
  voting: "validators disagree: a vote decides",
  validated: "validated: the claimer was paid",
  failed: "failed",
};

function describeTask(task: Task): string {
  return task.description ?? `task with description hash ${task.descriptionHash.slice(0, 10)}…`;
}

function ClaimControl({ task, account }: { task: Task; account: DistributeAccount | undefined }) {
  const reason = !account
    ? null
    : !account.registered
      ? "Only registered reputation holders claim tasks."
      : account.reputation < task.requisiteReputation
        ? `You hold ${formatReputation(account.reputation)}, less than the ${formatReputation(task.requisiteReputation)} required.`
        : null;
  const id = `claim-why-${task.taskIndex}`;
  if (reason) {
    return (
      <div className="action">
        <button type="button" disabled aria-describedby={id}>
          Claim task {task.taskIndex + 1}
        </button>
        <p id={id} className="hint">
          {reason}
        </p>
      </div>
    );
  }
  return (
    <ActionButton
      steps={() => [
        {
          label: `Claim task ${task.taskIndex + 1}, posting ${formatReputation(task.requisiteReputation)}`,
          action: "claimTask",
          fields: { projectId: task.projectId.toString(), taskIndex: task.taskIndex },
        },
      ]}
      doneMessage={`Task ${task.taskIndex + 1} claimed.`}
    >
      {`Claim task ${task.taskIndex + 1}`}
    </ActionButton>
  );
}

function SubmitEvidenceForm({ task }: { task: Task }) {
  const tx = useTransaction();
  const form = useForm({ evidence: "" }, (v) => ({
    evidence: checkText(v.evidence, { what: "the evidence of the work", required: true, maxBytes: MAX_EVIDENCE_BYTES }),
  }));
  const submit = form.onSubmit(async (v) => {
    await tx.run(
      [
        {
          label: `Submit evidence for task ${task.taskIndex + 1}`,
          action: "submitTask",
          fields: { projectId: task.projectId.toString(), taskIndex: task.taskIndex, evidence: v.evidence.trim() },
        },
      ],
      `Evidence submitted for task ${task.taskIndex + 1}; validation is open.`,
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-label={`Submit evidence for task ${task.taskIndex + 1}`}>
      <TextAreaField
        {...form.bind("evidence")}
        label="Evidence of the work"
        hint="A link or a description; the chain keeps its hash."
      />
      <button type="submit" disabled={tx.pending}>
        Submit evidence
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

function ValidateForm({
  task,
  overview,
  account,
}: {
  task: Task;
  overview: DistributeOverview;
  account: DistributeAccount | undefined;
}) {
  const tx = useTransaction();
  const { address } = useWallet();
  const forLeft = SLOTS_PER_SIDE - task.approvals.length;
  const againstLeft = SLOTS_PER_SIDE - task.rejections.length;
  const held = account?.capitalTokens ?? 0n;
  const form = useForm({ side: forLeft > 0 ? "for" : "against", tokens: "" }, (v) => ({
    side: (v.side === "for" ? forLeft : againstLeft) <= 0 ? "Every slot on this side is taken." : null,
    tokens:
      held === 0n
        ? "You hold no capital tokens to stake."
        : checkTokenAmount(v.tokens, {
            symbol: "capital tokens",
            maxWei: held < MAX_STAKE ? held : MAX_STAKE,
            maxReason: "(what you hold)",
          }),
  }));
  const own = sameAddress(task.claimer, address);
  const already = [...task.approvals, ...task.rejections].some((x) => sameAddress(x.validator, address));
  const reason = own
    ? "You claimed this task: the claimer cannot validate their own work."
    : already
      ? "You have already validated this task."
      : null;
  const whyId = `validate-why-${task.taskIndex}`;

  const submit = form.onSubmit(async (v) => {
    const amount = tokenInputToWei(v.tokens);
    const approve = v.side === "for";
    await tx.run(
      [
        approveFor(
          overview.addresses.capitalToken,
          overview.addresses.tasks,
          amount,
          "the tasks contract",
          formatCapital(amount),
        ),
        {
          label: `Stake ${formatCapital(amount)} ${approve ? "for" : "against"} task ${task.taskIndex + 1}`,
          action: "validateTask",
          fields: {
            projectId: task.projectId.toString(),
            taskIndex: task.taskIndex,
            approve,
            tokens: amount.toString(),
          },
        },
      ],
      `You staked ${approve ? "for" : "against"} task ${task.taskIndex + 1}.`,
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label={`Validate task ${task.taskIndex + 1}`}>
      <p data-testid="slots-left">
        Slots left: {forLeft} for, {againstLeft} against (of {SLOTS_PER_SIDE} a side). Earlier validators earn more.
      </p>
      <div className="field-row">
        <SelectField
          {...form.bind("side")}
          label="Validate"
          options={[
            { value: "for", label: "for: the work is done" },
            { value: "against", label: "against: it is not" },
          ]}
        />
        <TextField {...form.bind("tokens")} label="Stake (capital tokens)" inputMode="decimal" />
      </div>
      {reason ? (
        <p id={whyId} className="notice" data-testid="validate-why">
          {reason}
        </p>
      ) : null}
      <button type="submit" disabled={tx.pending || reason !== null} aria-describedby={reason ? whyId : undefined}>
        Validate
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

function Validations({ task }: { task: Task }) {
  const sides = [
    ["For", task.approvals],
    ["Against", task.rejections],
  ] as const;
  return (
    <>
      {sides.map(([name, list]) =>
        list.length > 0 ? (
          <p key={name}>
            {name}:{" "}
            {list.map((x, i) => (
              <span key={x.slot}>
                {i > 0 ? ", " : ""}
                <AddressText address={x.validator} /> {formatCapital(x.stake)}
              </span>
            ))}
          </p>
        ) : null,
      )}
    </>
  );
}

export function TaskCard({
  task,
  overview,
  account,
  claimOpen,
}: {
  task: Task;
  overview: DistributeOverview | undefined;
  account: DistributeAccount | undefined;
  claimOpen: boolean;
}) {
  const { address } = useWallet();
  const n = task.taskIndex + 1;
  const mine = sameAddress(task.claimer, address);
  return (
    <article className="card" aria-labelledby={`task-${n}-heading`} data-testid="task">
      <h4 id={`task-${n}-heading`}>
        Task {n}: {describeTask(task)}
      </h4>
      <p data-testid="task-status" data-status={task.status}>
        <strong>{task.status}</strong> — {STATUS_MEANING[task.status]}
        {task.due ? " (a step is due)" : ""}
      </p>
      <p>
        Weighting {formatBpsNumber(task.weightingBps)}; requisite reputation{" "}
        <span data-testid="requisite">{formatReputation(task.requisiteReputation)}</span>; allowance{" "}
        {(task.durationSeconds / 3600n).toString()} h.
      </p>
      {task.claimer ? (
        <p>
          Claimed by <AddressText address={task.claimer} />
          {task.status === "claimed" && task.deadline !== null ? (
            <>
              ; evidence due: <TimeLeft until={task.deadline} />
            </>
          ) : null}
          {task.status === "validating" && task.validationEnd !== null ? (
            <>
              ; validation: <TimeLeft until={task.validationEnd} />
            </>
          ) : null}
        </p>
      ) : null}
      {task.evidence ? <p>Evidence: {task.evidence}</p> : null}
      {task.paidWei !== null ? <p>Paid {formatWei(task.paidWei)}.</p> : null}
      <Validations task={task} />
      {task.status === "open" && claimOpen && address ? <ClaimControl task={task} account={account} /> : null}
      {task.status === "claimed" && mine ? <SubmitEvidenceForm task={task} /> : null}
      {task.status === "validating" && address && overview ? (
        <ValidateForm task={task} overview={overview} account={account} />
      ) : null}
      {task.pollId !== null ? <PollPanel pollId={task.pollId} overview={overview} account={account} /> : null}
      {task.due && address ? (
        <ActionButton
          className="secondary"
          steps={() => [
            {
              label: `Advance task ${n}`,
              action: "advanceTasks",
              fields: { projectId: task.projectId.toString(), taskIndex: task.taskIndex },
            },
          ]}
          doneMessage={`Task ${n} advanced.`}
        >
          {`Advance task ${n}`}
        </ActionButton>
      ) : null}
    </article>
  );
}

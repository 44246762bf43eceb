// DS3: stake capital tokens or reputation on a proposed project (clipped by the contract to what its bar still
// needs), or take a stake back while it is still proposed. Tokens are taken with transferFrom: approval first.
import type { DistributeAccount, DistributeOverview, Project } from "../../api/distributeTypes.ts";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { type TxStep, useTransaction } from "../../tx/useTransaction.ts";
import { checkTokenAmount, tokenInputToWei } from "../energy/energyChecks.ts";
import { approveFor, formatCapital, formatReputation } from "./distributeShared.ts";

type Kind = "tokens" | "reputation";

const KIND_OPTIONS = [
  { value: "tokens", label: "capital tokens" },
  { value: "reputation", label: "reputation" },
];

function formatKind(kind: Kind, amount: bigint): string {
  return kind === "tokens" ? formatCapital(amount) : formatReputation(amount);
}

export function StakeForm({
  project,
  overview,
  account,
}: {
  project: Project;
  overview: DistributeOverview;
  account: DistributeAccount;
}) {
  const tx = useTransaction();
  const needTokens = project.tokenBar - project.tokensStaked;
  const needReputation = project.reputationBar - project.reputationStaked;
  const form = useForm({ kind: needTokens > 0n ? "tokens" : "reputation", amount: "" }, (v) => {
    const kind: Kind = v.kind === "reputation" ? "reputation" : "tokens";
    const held = kind === "tokens" ? account.capitalTokens : account.reputation;
    const need = kind === "tokens" ? needTokens : needReputation;
    if (need <= 0n) return { amount: `The ${kind === "tokens" ? "token" : "reputation"} bar is already met.` };
    if (held === 0n) return { amount: `You hold no ${kind === "tokens" ? "capital tokens" : "reputation"}.` };
    return {
      amount: checkTokenAmount(v.amount, {
        symbol: kind === "tokens" ? "capital tokens" : "reputation",
        maxWei: held,
        maxReason: "(what you hold)",
      }),
    };
  });
  const kind: Kind = form.values.kind === "reputation" ? "reputation" : "tokens";

  const submit = form.onSubmit(async (v) => {
    const amount = tokenInputToWei(v.amount);
    const id = project.projectId.toString();
    const steps: TxStep[] =
      kind === "tokens"
        ? [
            approveFor(
              overview.addresses.capitalToken,
              overview.addresses.projects,
              amount,
              "the projects contract",
              formatCapital(amount),
            ),
            {
              label: `Stake ${formatCapital(amount)}`,
              action: "stakeTokens",
              fields: { projectId: id, tokens: amount.toString() },
            },
          ]
        : [
            {
              label: `Stake ${formatReputation(amount)}`,
              action: "stakeReputation",
              fields: { projectId: id, reputation: amount.toString() },
            },
          ];
    const ok = await tx.run(steps, `Staked ${formatKind(kind, amount)} on project #${id}.`);
    if (ok) form.setValues((values) => ({ ...values, amount: "" }));
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="stake-heading">
      <h3 id="stake-heading">Stake</h3>
      <p className="hint">
        Still needed: {formatCapital(needTokens > 0n ? needTokens : 0n)} and{" "}
        {formatReputation(needReputation > 0n ? needReputation : 0n)}. Only what a bar still needs is taken.
      </p>
      <div className="field-row">
        <SelectField {...form.bind("kind")} label="Stake with" options={KIND_OPTIONS} />
        <TextField
          {...form.bind("amount")}
          label="Amount to stake"
          inputMode="decimal"
          hint={`You hold ${formatKind(kind, kind === "tokens" ? account.capitalTokens : account.reputation)}.`}
        />
      </div>
      <button type="submit" disabled={tx.pending}>
        Stake
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

export function UnstakeForm({ project, staked }: { project: Project; staked: { tokens: bigint; reputation: bigint } }) {
  const tx = useTransaction();
  const form = useForm({ kind: staked.tokens > 0n ? "tokens" : "reputation", amount: "" }, (v) => {
    const kind: Kind = v.kind === "reputation" ? "reputation" : "tokens";
    const max = kind === "tokens" ? staked.tokens : staked.reputation;
    if (max === 0n) return { amount: `You have no ${kind === "tokens" ? "tokens" : "reputation"} staked here.` };
    return {
      amount: checkTokenAmount(v.amount, {
        symbol: kind === "tokens" ? "capital tokens" : "reputation",
        maxWei: max,
        maxReason: "(your stake)",
      }),
    };
  });
  const submit = form.onSubmit(async (v) => {
    const kind: Kind = v.kind === "reputation" ? "reputation" : "tokens";
    const amount = tokenInputToWei(v.amount);
    const id = project.projectId.toString();
    const ok = await tx.run(
      [
        kind === "tokens"
          ? {
              label: `Unstake ${formatCapital(amount)}`,
              action: "unstakeTokens",
              fields: { projectId: id, tokens: amount.toString() },
            }
          : {
              label: `Unstake ${formatReputation(amount)}`,
              action: "unstakeReputation",
              fields: { projectId: id, reputation: amount.toString() },
            },
      ],
      `Took back ${formatKind(kind, amount)}.`,
    );
    if (ok) form.setValues((values) => ({ ...values, amount: "" }));
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="unstake-heading">
      <h3 id="unstake-heading">Take a stake back</h3>
      <p className="hint">
        Your stake: {formatCapital(staked.tokens)} and {formatReputation(staked.reputation)}.
      </p>
      <div className="field-row">
        <SelectField {...form.bind("kind")} label="Take back" options={KIND_OPTIONS} />
        <TextField {...form.bind("amount")} label="Amount to take back" inputMode="decimal" />
      </div>
      <button type="submit" disabled={tx.pending}>
        Unstake
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

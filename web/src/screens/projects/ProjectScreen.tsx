// One project (#/projects/3): its state, bars and deadlines; staking while proposed, task lists while staked, tasks
// with their validation and polls while active, withdrawal when it is over, and its history (DS3–DS8). When a
// transition is due by the chain's clock, anyone may make it here (the node's keeper normally does).
import { decodeProjectDetail } from "../../api/distributeDecode.ts";
import type { DistributeAccount, ProjectDetail } from "../../api/distributeTypes.ts";
import { useApi } from "../../api/useApi.ts";
import { useChainNow } from "../../chain/chainClock.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { ActionButton } from "../shared/ActionButton.tsx";
import { ChooseAccount } from "../shared/ChooseAccount.tsx";
import {
  formatBpsNumber,
  formatCapital,
  formatReputation,
  formatWei,
  PROJECT_STATE_MEANING,
  sameAddress,
  useDistributeAccount,
  useDistributeOverview,
} from "./distributeShared.ts";
import { ProjectHistory } from "./ProjectHistory.tsx";
import { BarProgress, poolShareBps, StageDeadline } from "./ProjectProgress.tsx";
import { StakeForm, UnstakeForm } from "./StakeForms.tsx";
import { TaskCard } from "./TaskCard.tsx";
import { TaskListForm } from "./TaskListForm.tsx";
import { TaskLists } from "./TaskLists.tsx";

function Facts({ project: p }: { project: ProjectDetail }) {
  return (
    <section aria-labelledby="facts-heading" className="panel">
      <h2 id="facts-heading">At a glance</h2>
      <dl className="facts">
        <dt>State</dt>
        <dd data-testid="project-state" data-state={p.state}>
          <strong>{p.state}</strong> — {PROJECT_STATE_MEANING[p.state]}
        </dd>
        <dt>Cost</dt>
        <dd>
          {formatWei(p.costWei)} ({formatBpsNumber(poolShareBps(p))} of the pool at proposal)
        </dd>
        <dt>Proposer</dt>
        <dd>
          <AddressText address={p.proposer} />
        </dd>
        <dt>Collateral</dt>
        <dd>{p.collateralInReputation ? formatReputation(p.collateral) : formatCapital(p.collateral)}</dd>
        <dt>Deadline</dt>
        <dd data-testid="project-deadline">
          <StageDeadline project={p} />
        </dd>
        <dt>Stakers</dt>
        <dd>{p.stakerCount}</dd>
        {p.reservedWei !== null ? (
          <>
            <dt>Budget reserved</dt>
            <dd>
              {formatWei(p.reservedWei)}; paid so far {formatWei(p.paidWei)}
            </dd>
          </>
        ) : null}
        {p.taskCount > 0 ? (
          <>
            <dt>Tasks</dt>
            <dd>
              {p.settledTasks} of {p.taskCount} settled; validated weighting {formatBpsNumber(p.completedBps)}
            </dd>
          </>
        ) : null}
      </dl>
      <BarProgress project={p} idPrefix="detail" />
    </section>
  );
}

function AdvanceControl({ project: p }: { project: ProjectDetail }) {
  const id = p.projectId.toString();
  const action = p.state === "active" ? "advanceTasks" : "advanceProject";
  return (
    <div className="notice" data-testid="advance">
      <p>A transition is due by the chain's clock. The node's keeper makes it shortly; anyone may make it now.</p>
      <ActionButton
        steps={() => [{ label: `Advance project #${id}`, action, fields: { projectId: id } }]}
        doneMessage={`Project #${id} advanced.`}
      >
        Advance the project
      </ActionButton>
    </div>
  );
}

function MyStake({ project: p, account }: { project: ProjectDetail; account: DistributeAccount | undefined }) {
  const { address } = useWallet();
  const mine = p.stakers.find((s) => sameAddress(s.staker, address));
  if (!mine) return null;
  const over = p.state === "complete" || p.state === "expired";
  return (
    <div data-testid="my-stake">
      <p>
        Your stake: {formatCapital(mine.tokens)} and {formatReputation(mine.reputation)}
        {mine.backedListId !== null ? `, backing task list ${mine.backedListId + 1}` : ""}
        {mine.withdrawn
          ? ` — withdrawn${mine.rewardWei !== null ? ` with a reward of ${formatWei(mine.rewardWei)}` : ""}`
          : ""}
        .
      </p>
      {p.state === "proposed" && (mine.tokens > 0n || mine.reputation > 0n) ? (
        <UnstakeForm project={p} staked={mine} />
      ) : null}
      {over && !mine.withdrawn && account ? (
        <ActionButton
          steps={() => [
            {
              label: `Withdraw your stake from project #${p.projectId}`,
              action: "withdrawStake",
              fields: { projectId: p.projectId.toString() },
            },
          ]}
          doneMessage="Stake withdrawn."
        >
          Withdraw stake
        </ActionButton>
      ) : null}
      {p.state === "failed" ? <p>The project failed: stakes were burned.</p> : null}
    </div>
  );
}

export default function ProjectScreen({ projectId }: { projectId: bigint }) {
  useDocumentTitle(`Project #${projectId}`);
  const { address } = useWallet();
  const now = useChainNow();
  const read = useApi(`/api/v1/distribute/projects/${projectId}`, decodeProjectDetail);
  const overview = useDistributeOverview();
  const account = useDistributeAccount();
  const p = read.data;
  const o = overview.data;
  const a = account.data;
  const mine = p?.stakers.find((s) => sameAddress(s.staker, address));
  const isStaker = mine !== undefined && (mine.tokens > 0n || mine.reputation > 0n);
  const listsOpen = p?.state === "staked" && p.taskListDeadline !== null && now < p.taskListDeadline;
  const claimOpen = p?.state === "active" && p.claimDeadline !== null && now < p.claimDeadline;
  return (
    <ScreenMain data-testid="project-screen" aria-busy={p || read.error ? "false" : "true"}>
      <p>
        <a href="#/projects">← All projects</a>
      </p>
      <h1>Project #{projectId.toString()}</h1>
      <LoadState loading={read.loading} error={read.error} what="the project" />
      {p ? (
        <>
          <Facts project={p} />
          {p.due && address ? <AdvanceControl project={p} /> : null}
          {!address ? <ChooseAccount purpose="stake, work on or validate this project" /> : null}
          <section aria-labelledby="staking-heading" className="panel">
            <h2 id="staking-heading">Stakes</h2>
            {address ? <MyStake project={p} account={a} /> : null}
            {p.state === "proposed" && o && a && now < p.stakingDeadline ? (
              <StakeForm project={p} overview={o} account={a} />
            ) : null}
            {p.state !== "proposed" && !mine ? <p>Staking is closed.</p> : null}
          </section>
          {p.state !== "proposed" && p.state !== "expired" ? (
            <section aria-labelledby="lists-heading" className="panel">
              <h2 id="lists-heading">Task lists</h2>
              <TaskLists
                project={p}
                backedListId={mine?.backedListId ?? null}
                canBack={Boolean(listsOpen && isStaker)}
              />
              {listsOpen && isStaker ? <TaskListForm projectId={p.projectId} /> : null}
              {listsOpen && address && !isStaker ? (
                <p className="hint">Only the project's stakers put forward and back task lists.</p>
              ) : null}
            </section>
          ) : null}
          {p.tasks.length > 0 ? (
            <section aria-labelledby="tasks-heading" className="panel">
              <h2 id="tasks-heading">Tasks</h2>
              {p.tasks.map((t) => (
                <TaskCard key={t.taskIndex} task={t} overview={o} account={a} claimOpen={Boolean(claimOpen)} />
              ))}
            </section>
          ) : null}
          <ProjectHistory projectId={projectId} />
        </>
      ) : null}
    </ScreenMain>
  );
}

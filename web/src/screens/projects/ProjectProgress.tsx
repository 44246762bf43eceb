// DS3: how far a project's two bars are staked, as bars and in words, and the deadline of its current stage.
import type { Project } from "../../api/distributeTypes.ts";
import { TimeLeft } from "../../components/TimeLeft.tsx";
import { formatBpsNumber, formatCapital, formatReputation } from "./distributeShared.ts";

export function BarProgress({ project: p, idPrefix }: { project: Project; idPrefix: string }) {
  const id = `${idPrefix}-${p.projectId}`;
  return (
    <div className="bars">
      <div className="bar">
        <span id={`${id}-tokens`}>Tokens staked</span>
        <progress max={10_000} value={p.tokenProgressBps} aria-labelledby={`${id}-tokens`} />
        <span data-testid="token-bar">
          {formatCapital(p.tokensStaked)} of {formatCapital(p.tokenBar)} ({formatBpsNumber(p.tokenProgressBps)})
        </span>
      </div>
      <div className="bar">
        <span id={`${id}-reputation`}>Reputation staked</span>
        <progress max={10_000} value={p.reputationProgressBps} aria-labelledby={`${id}-reputation`} />
        <span data-testid="reputation-bar">
          {formatReputation(p.reputationStaked)} of {formatReputation(p.reputationBar)} (
          {formatBpsNumber(p.reputationProgressBps)})
        </span>
      </div>
    </div>
  );
}

/** The deadline that matters in the project's stage, by the chain's clock. */
export function StageDeadline({ project: p }: { project: Project }) {
  if (p.state === "proposed") {
    return (
      <>
        Staking deadline: <TimeLeft until={p.stakingDeadline} endedText="passed" />
      </>
    );
  }
  if (p.state === "staked" && p.taskListDeadline !== null) {
    return (
      <>
        Task lists until: <TimeLeft until={p.taskListDeadline} endedText="the period is over" />
      </>
    );
  }
  if (p.state === "active" && p.claimDeadline !== null) {
    return (
      <>
        Claims until: <TimeLeft until={p.claimDeadline} endedText="the claim period is over" />
      </>
    );
  }
  return <>No deadline: the project is {p.state}.</>;
}

/** The share of the pool a project asks for: its cost over the pool at proposal, in basis points. */
export function poolShareBps(p: Project): bigint {
  return p.poolWeiAtProposal === 0n ? 0n : (p.costWei * 10_000n) / p.poolWeiAtProposal;
}

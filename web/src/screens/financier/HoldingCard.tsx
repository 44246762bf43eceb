// One generator the financier owns part of: shares, claimable revenue, the price and one's own vote, and what an
// owner can do about each.
import { formatShares, formatSolar } from "../../../../sdk/format.ts";
import { decodeGeneratorDetail } from "../../api/decode.ts";
import type { Holding } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { shortAddress } from "../../components/AddressText.tsx";
import { generatorHref } from "../../routing/useHashRoute.ts";
import { ActionButton } from "../shared/ActionButton.tsx";
import { TransferSharesForm } from "./TransferSharesForm.tsx";
import { VoteForm } from "./VoteForm.tsx";

export function HoldingCard({ holding }: { holding: Holding }) {
  const read = useApi(`/api/v1/generators/${holding.generator}`, decodeGeneratorDetail);
  const g = read.data;
  const name = `generator ${shortAddress(holding.generator)}`;
  const headingId = `holding-${holding.generator}`;
  return (
    <article className="card" aria-labelledby={headingId} data-testid="holding">
      <h3 id={headingId}>
        <a href={generatorHref(holding.generator)}>Generator {shortAddress(holding.generator)}</a>
        {g ? <> (request #{g.requestId.toString()})</> : null}
      </h3>
      <dl className="facts">
        <dt>Your shares</dt>
        <dd data-testid="shares">{formatShares(holding.shares)}</dd>
        <dt>State</dt>
        <dd>{g ? (g.active ? "active" : "awaiting activation") : "…"}</dd>
        <dt>Price now</dt>
        <dd data-testid="price">
          {g ? (g.priceWeiPerUnit === 0n ? "free (no votes yet)" : `${formatSolar(g.priceWeiPerUnit)} per unit`) : "…"}
        </dd>
        <dt>Your vote</dt>
        <dd data-testid="my-vote">
          {holding.voted && holding.votePriceWeiPerUnit !== null
            ? `${formatSolar(holding.votePriceWeiPerUnit)} per unit`
            : "you have not voted"}
        </dd>
        <dt>Claimable revenue</dt>
        <dd data-testid="claimable">{formatSolar(holding.claimableWei)}</dd>
        <dt>Claimed so far</dt>
        <dd>{formatSolar(holding.claimedWei)}</dd>
      </dl>
      {holding.claimableWei > 0n ? (
        <ActionButton
          context={`of ${name}`}
          steps={() => [
            { label: `Claim revenue from ${name}`, action: "claimRevenue", fields: { generator: holding.generator } },
          ]}
          doneMessage="Revenue claimed: it is in your balance."
        >
          Claim revenue
        </ActionButton>
      ) : null}
      <VoteForm generator={holding.generator} label={name} />
      {holding.voted ? (
        <ActionButton
          className="secondary"
          context={`on ${name}`}
          steps={() => [
            { label: "Withdraw your vote", action: "withdrawVote", fields: { generator: holding.generator } },
          ]}
          doneMessage="Vote withdrawn."
        >
          Withdraw my vote
        </ActionButton>
      ) : null}
      {g?.active ? (
        <TransferSharesForm
          generator={holding.generator}
          ownShares={holding.shares}
          owner={holding.owner}
          label={name}
        />
      ) : (
        <p className="muted">Shares can move once the generator is active.</p>
      )}
    </article>
  );
}

// The financier (#/financier): fund accepted requests, take money back when they fail, and look after the
// generators one owns — price votes, revenue, shares.
import { formatSolar } from "../../../../sdk/format.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { ChooseAccount } from "../shared/ChooseAccount.tsx";
import { useMyAccount } from "../shared/useMyAccount.ts";
import { Contributions } from "./Contributions.tsx";
import { FinancingList } from "./FinancingList.tsx";
import { HoldingCard } from "./HoldingCard.tsx";

export default function FinancierScreen() {
  useDocumentTitle("Financier");
  const { address } = useWallet();
  const account = useMyAccount();
  const a = account.data;
  const holdings = (a?.holdings ?? []).filter((h) => h.shares > 0n);
  return (
    <ScreenMain data-testid="financier-screen">
      <h1>Financier</h1>
      <p className="lede">Fund the generators your community asks for; own them in shares and earn from every sale.</p>
      {address ? (
        <>
          <LoadState loading={account.loading} error={account.error} what="your account" />
          <FinancingList balanceWei={a?.solarWei ?? 0n} />
          <section aria-labelledby="portfolio-heading" className="panel">
            <h2 id="portfolio-heading">Your portfolio</h2>
            {a ? <p>Claimable revenue in total: {formatSolar(a.claimableWei)}</p> : null}
            {a && holdings.length === 0 ? <p>You own no shares yet.</p> : null}
            {holdings.map((h) => (
              <HoldingCard key={h.generator} holding={h} />
            ))}
          </section>
          {a ? <Contributions contributions={a.contributions} /> : null}
        </>
      ) : (
        <>
          <ChooseAccount purpose="fund a request or manage your shares" />
          <FinancingList balanceWei={0n} />
        </>
      )}
    </ScreenMain>
  );
}

// Capital (#/capital): the Distribute Protocol's collective pool, buying and selling its capital tokens (DS1), and
// reputation (DS2).
import { LoadState } from "../../components/LoadState.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import {
  formatCapital,
  formatReputation,
  formatWei,
  useDistributeAccount,
  useDistributeOverview,
} from "../projects/distributeShared.ts";
import { ChooseAccount } from "../shared/ChooseAccount.tsx";
import { BuyCapitalForm } from "./BuyCapitalForm.tsx";
import { CapitalFigures } from "./CapitalFigures.tsx";
import { ReputationPanel } from "./ReputationPanel.tsx";
import { SellCapitalForm } from "./SellCapitalForm.tsx";

export default function CapitalScreen() {
  useDocumentTitle("Capital");
  const { address } = useWallet();
  const overview = useDistributeOverview();
  const account = useDistributeAccount();
  const o = overview.data;
  const a = account.data;
  return (
    <ScreenMain data-testid="capital-screen" aria-busy={o || overview.error ? "false" : "true"}>
      <h1>Capital</h1>
      <p className="lede">
        Capital tokens are bought with SOLAR into a collective pool that pays for the community's projects, and sold
        back for a share of it. Reputation is earned by doing the work.
      </p>
      <LoadState loading={overview.loading} error={overview.error} what="the pool" />
      {a ? (
        <p data-testid="my-holdings">
          You hold {formatCapital(a.capitalTokens)}, {formatReputation(a.reputation)} and {formatWei(a.currencyWei)}.
        </p>
      ) : null}
      {o ? <CapitalFigures overview={o} /> : null}
      {!address ? <ChooseAccount purpose="buy or sell capital tokens" /> : null}
      {o && address ? <BuyCapitalForm overview={o} account={a} /> : null}
      {o && a ? <SellCapitalForm account={a} /> : null}
      {o && address ? <ReputationPanel overview={o} account={a} /> : null}
    </ScreenMain>
  );
}

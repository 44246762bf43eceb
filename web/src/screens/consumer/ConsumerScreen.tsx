// The consumer (#/consumer): request a generator, choose its installer, follow its financing and installation,
// switch it on, and buy its energy.

import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { ChooseAccount } from "../shared/ChooseAccount.tsx";
import { useMyAccount } from "../shared/useMyAccount.ts";
import { BuyEnergyForm } from "./BuyEnergyForm.tsx";
import { CreditAndUsage } from "./CreditAndUsage.tsx";
import { MyRequests } from "./MyRequests.tsx";
import { RequestForm } from "./RequestForm.tsx";

export default function ConsumerScreen() {
  useDocumentTitle("Consumer");
  const { address } = useWallet();
  const account = useMyAccount();
  const balanceWei = account.data?.solarWei ?? 0n;
  return (
    <ScreenMain data-testid="consumer-screen">
      <h1>Consumer</h1>
      <p className="lede">Ask for a generator, choose who installs it, switch it on, and buy its energy.</p>
      {address ? (
        <>
          <RequestForm />
          <MyRequests address={address} balanceWei={balanceWei} />
          <BuyEnergyForm balanceWei={balanceWei} />
          {account.data ? <CreditAndUsage account={account.data} /> : null}
        </>
      ) : (
        <ChooseAccount purpose="request a generator or buy energy" />
      )}
    </ScreenMain>
  );
}

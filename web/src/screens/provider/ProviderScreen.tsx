// The provider (#/provider): find requests to bid on, follow and withdraw bids, and carry won jobs through to the
// payout.
import { decodeActivityList } from "../../api/decode.ts";
import { useApi } from "../../api/useApi.ts";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { ChooseAccount } from "../shared/ChooseAccount.tsx";
import { MyBids } from "./MyBids.tsx";
import { OpenRequests } from "./OpenRequests.tsx";
import { WonJobs } from "./WonJobs.tsx";

/** The provider's bids are found through its BidPlaced events; the most recent requests are enough here. */
const MY_BID_REQUESTS_SHOWN = 20;

export default function ProviderScreen() {
  useDocumentTitle("Provider");
  const { address } = useWallet();
  const activity = useApi(address ? `/api/v1/activity?address=${address}&limit=200` : null, decodeActivityList);
  const bidRequestIds = [
    ...new Set(
      (activity.data ?? [])
        .filter((a) => a.eventName === "BidPlaced" && a.args.provider === address)
        .map((a) => String(a.args.requestId)),
    ),
  ].slice(0, MY_BID_REQUESTS_SHOWN);
  return (
    <ScreenMain data-testid="provider-screen">
      <h1>Provider</h1>
      <p className="lede">Bid to install generators people ask for; get paid from escrow when they switch them on.</p>
      {address ? (
        <>
          <WonJobs provider={address} />
          <MyBids provider={address} requestIds={bidRequestIds} />
          <OpenRequests myBidRequestIds={new Set(bidRequestIds)} />
        </>
      ) : (
        <>
          <ChooseAccount purpose="bid" />
          <OpenRequests myBidRequestIds={new Set()} />
        </>
      )}
    </ScreenMain>
  );
}

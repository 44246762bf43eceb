// The account the user acts as: their browser wallet, or on a node with its own development chain, a labelled
// development account (marked as such: anyone can derive those keys).
import { useState } from "react";
import { formatSolar } from "../../../sdk/format.ts";
import { decodeAccount } from "../api/decode.ts";
import { describeError } from "../api/describeError.ts";
import type { Address } from "../api/types.ts";
import { useApi } from "../api/useApi.ts";
import { DevClockForm } from "./DevClockForm.tsx";
import { useWallet } from "./WalletContext.tsx";

export function WalletPanel() {
  const wallet = useWallet();
  const [connectError, setConnectError] = useState<string | null>(null);
  const account = useApi(wallet.address ? `/api/v1/accounts/${wallet.address}` : null, decodeAccount);
  const hasDev = wallet.devAccounts.length > 0;

  const connect = async () => {
    setConnectError(null);
    try {
      await wallet.connectBrowserWallet();
    } catch (error) {
      setConnectError(describeError(error));
    }
  };

  return (
    <section className="wallet" aria-labelledby="wallet-heading">
      <h2 id="wallet-heading" className="visually-hidden">
        Your account
      </h2>
      {hasDev ? (
        <div className="dev-accounts">
          <label htmlFor="dev-account">
            Development account <strong className="dev-only">development only</strong>
          </label>
          <select
            id="dev-account"
            value={wallet.kind === "development" && wallet.address ? wallet.address : ""}
            onChange={(e) => wallet.chooseDevAccount(e.target.value === "" ? null : (e.target.value as Address))}
          >
            <option value="">Choose an account…</option>
            {wallet.devAccounts.map((a) => (
              <option key={a.address} value={a.address}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {wallet.browserAvailable ? (
        <button type="button" onClick={connect} className="secondary">
          {wallet.kind === "browser" ? "Browser wallet connected" : "Connect browser wallet"}
        </button>
      ) : !hasDev ? (
        <p className="hint">To act, open this page in a browser with a wallet; you can browse without one.</p>
      ) : null}
      {connectError ? (
        <p role="alert" className="tx-failed">
          {connectError}
        </p>
      ) : null}
      {wallet.address ? (
        <p className="acting-as">
          Acting as <code data-testid="acting-address">{wallet.address}</code>
          {wallet.kind === "browser" ? " (browser wallet)" : " (development account)"}
          {account.data ? <>, balance {formatSolar(account.data.solarWei)}</> : null}
        </p>
      ) : null}
      {hasDev ? <DevClockForm /> : null}
    </section>
  );
}

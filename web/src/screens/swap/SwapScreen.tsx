// Swap (#/swap): the liquidity pools between the Reward, Energy and Solar Tokens, with their reserves and prices;
// swap with a quote, add and remove liquidity (MX6).
import { decodePoolList } from "../../api/energyDecode.ts";
import { useApi } from "../../api/useApi.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { formatToken } from "../energy/energyFormat.ts";
import { useEnergyAccount } from "../energy/useEnergyAccount.ts";
import { ChooseAccount } from "../shared/ChooseAccount.tsx";
import { AddLiquidityForm } from "./AddLiquidityForm.tsx";
import { PoolTable } from "./PoolTable.tsx";
import { RemoveLiquidityForm } from "./RemoveLiquidityForm.tsx";
import { SwapForm } from "./SwapForm.tsx";
import { useTokenBalances } from "./useTokenBalances.ts";

export default function SwapScreen() {
  useDocumentTitle("Swap");
  const { address } = useWallet();
  const pools = useApi("/api/v1/energy/pools", decodePoolList);
  const account = useEnergyAccount();
  const balanceOf = useTokenBalances(account.data);
  const list = pools.data ?? [];
  return (
    <ScreenMain data-testid="swap-screen" aria-busy={pools.data || pools.error ? "false" : "true"}>
      <h1>Swap</h1>
      <p className="lede">
        Trade Energy Tokens (one per verified kWh) for Reward Tokens and back, or provide liquidity and earn the fee on
        every swap.
      </p>
      {account.data ? (
        <p data-testid="token-balances">
          Your balances: {formatToken(account.data.energyTokenWei, "DREX-KWH")},{" "}
          {formatToken(account.data.rewardTokenWei, "DREX-GREEN")}, {formatToken(account.data.solarWei, "SOLAR")}.
        </p>
      ) : null}
      <section aria-labelledby="pools-heading" className="panel">
        <h2 id="pools-heading">Pools</h2>
        <LoadState loading={pools.loading} error={pools.error} what="the pools" />
        {pools.data && list.length === 0 ? <p>No pool exists yet.</p> : null}
        {list.length > 0 ? <PoolTable pools={list} account={account.data} /> : null}
      </section>
      {!address ? <ChooseAccount purpose="swap or provide liquidity" /> : null}
      {address && list.length > 0 ? (
        <>
          <SwapForm pools={list} balanceOf={balanceOf} />
          <AddLiquidityForm pools={list} balanceOf={balanceOf} account={account.data} />
          <RemoveLiquidityForm pools={list} account={account.data} />
        </>
      ) : null}
    </ScreenMain>
  );
}

// The acting account's balance of each token a pool may hold (Energy, Reward and Solar Tokens), looked up by the
// token's address in the deployment the node serves.
import { useCallback } from "react";
import type { EnergyAccount } from "../../api/energyTypes.ts";
import { useApi } from "../../api/useApi.ts";

type TokenAddresses = { solar: string | null; energyToken: string | null; rewardToken: string | null };

function decodeTokenAddresses(value: unknown): TokenAddresses {
  const d = (value ?? {}) as {
    addresses?: { token?: unknown };
    energy?: { energyToken?: unknown; rewardToken?: unknown } | null;
  };
  const text = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : null);
  return {
    solar: text(d.addresses?.token),
    energyToken: text(d.energy?.energyToken),
    rewardToken: text(d.energy?.rewardToken),
  };
}

/** `balanceOf(token)`: the balance in base units, or undefined for a token the account read does not cover. */
export function useTokenBalances(account: EnergyAccount | undefined): (token: string) => bigint | undefined {
  const deployment = useApi("/api/v1/deployment", decodeTokenAddresses);
  const tokens = deployment.data;
  return useCallback(
    (token: string) => {
      if (!account || !tokens) return undefined;
      const t = token.toLowerCase();
      if (t === tokens.energyToken) return account.energyTokenWei;
      if (t === tokens.rewardToken) return account.rewardTokenWei;
      if (t === tokens.solar) return account.solarWei;
      return undefined;
    },
    [account, tokens],
  );
}

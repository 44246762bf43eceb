// The acting account's balances, holdings, contributions and credit.
import { decodeAccount } from "../../api/decode.ts";
import type { Account } from "../../api/types.ts";
import { type ApiRead, useApi } from "../../api/useApi.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";

export function useMyAccount(): ApiRead<Account> {
  const { address } = useWallet();
  return useApi(address ? `/api/v1/accounts/${address}` : null, decodeAccount);
}

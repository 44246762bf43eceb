// The acting account's energy side: its Energy, Reward and Solar Token balances, DAO membership, devices and pool
// shares.
import { decodeEnergyAccount } from "../../api/energyDecode.ts";
import type { EnergyAccount } from "../../api/energyTypes.ts";
import { type ApiRead, useApi } from "../../api/useApi.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";

export function useEnergyAccount(): ApiRead<EnergyAccount> {
  const { address } = useWallet();
  return useApi(address ? `/api/v1/energy/accounts/${address}` : null, decodeEnergyAccount);
}

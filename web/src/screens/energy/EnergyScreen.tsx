// Energy (#/energy): every device's production and consumption over the last 48 hours, the storage nodes and what
// they hold, and the store and take-out forms (MX2, MX3, MX7).
import { decodeStorage, decodeTimeseries } from "../../api/energyDecode.ts";
import { useApi } from "../../api/useApi.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { ChooseAccount } from "../shared/ChooseAccount.tsx";
import { EnergyFigures } from "./EnergyFigures.tsx";
import { StorageForms } from "./StorageForms.tsx";
import { StorageOverview } from "./StorageOverview.tsx";

export default function EnergyScreen() {
  useDocumentTitle("Energy");
  const { address } = useWallet();
  const series = useApi("/api/v1/energy/readings/timeseries", decodeTimeseries);
  const storage = useApi("/api/v1/energy/storage", decodeStorage);
  const ready = (series.data !== undefined || series.error) && (storage.data !== undefined || storage.error);
  return (
    <ScreenMain data-testid="energy-screen" aria-busy={ready ? "false" : "true"}>
      <h1>Energy</h1>
      <p className="lede">
        What the devices produced, sent and received, from their signed readings; and the energy kept in storage.
      </p>
      <section aria-labelledby="total-heading" className="panel">
        <h2 id="total-heading">Production and consumption, all devices</h2>
        <LoadState loading={series.loading} error={series.error} what="the readings" />
        {series.data ? <EnergyFigures points={series.data} what="all devices" /> : null}
      </section>
      <section aria-labelledby="storage-heading" className="panel">
        <h2 id="storage-heading">Storage and batteries</h2>
        <LoadState loading={storage.loading} error={storage.error} what="the storage nodes" />
        {storage.data ? <StorageOverview storage={storage.data} /> : null}
      </section>
      {address ? <StorageForms storage={storage.data} /> : <ChooseAccount purpose="store or take out energy" />}
    </ScreenMain>
  );
}

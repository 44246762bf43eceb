// Devices (#/devices): the registry of clean-energy devices, and the operator's application (MX1).
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { ChooseAccount } from "../shared/ChooseAccount.tsx";
import { ApplyDeviceForm } from "./ApplyDeviceForm.tsx";
import { DeviceRegistry } from "./DeviceRegistry.tsx";

export default function DevicesScreen() {
  useDocumentTitle("Devices");
  const { address } = useWallet();
  return (
    <ScreenMain data-testid="devices-screen">
      <h1>Devices</h1>
      <p className="lede">
        Every clean-energy device applied for, with its status. Operators apply here; the Technical DAO approves.
      </p>
      <DeviceRegistry />
      {address ? <ApplyDeviceForm /> : <ChooseAccount purpose="apply for a device" />}
    </ScreenMain>
  );
}

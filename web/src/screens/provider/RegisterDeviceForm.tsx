// DX8: the winning provider registers the installed device. The generator takes only the current key of an active
// Generator device the provider operates in the device registry (approved by the Technical DAO, MX1), so the choices
// are those devices, read from the registry, instead of an address typed by hand.
import { decodeDeviceList } from "../../api/energyDecode.ts";
import type { DeviceRow } from "../../api/energyTypes.ts";
import type { Address } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { shortAddress } from "../../components/AddressText.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { SelectField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { deviceHref } from "../../routing/useHashRoute.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";

/** More Generator devices than one provider would install; the registry's page limit is 500. */
const DEVICES_LIMIT = 200;

function deviceLabel(d: DeviceRow): string {
  return `Device #${d.deviceId}: ${d.ratedPowerW} W at ${d.location}, key ${shortAddress(d.key)}`;
}

/** Why there is nothing to choose, and where to apply. */
function NoActiveDevice({ provider }: { provider: Address }) {
  // Only read when there is nothing to offer: devices applied for and still awaiting the DAO's decision.
  const applied = useApi(
    `/api/v1/energy/devices?operator=${provider}&kind=generator&status=applied&limit=${DEVICES_LIMIT}`,
    decodeDeviceList,
  );
  const waiting = applied.data ?? [];
  return (
    <div data-testid="no-generator-device">
      <p>
        You operate no active Generator device yet. The generator takes only a device the Technical DAO approved, so the
        installed device needs an approval first.
      </p>
      {waiting.length > 0 ? (
        <p>
          Awaiting the DAO's decision:{" "}
          {waiting.map((d, i) => (
            <span key={d.deviceId.toString()}>
              {i > 0 ? ", " : null}
              <a href={deviceHref(d.deviceId)}>Device #{d.deviceId.toString()}</a>
            </span>
          ))}
          .
        </p>
      ) : null}
      <p>
        <a href="#/devices">Apply for a Generator device on the Devices screen</a>
      </p>
    </div>
  );
}

export function RegisterDeviceForm({ generator, provider }: { generator: Address; provider: Address }) {
  const read = useApi(
    `/api/v1/energy/devices?operator=${provider}&kind=generator&status=active&limit=${DEVICES_LIMIT}`,
    decodeDeviceList,
  );
  const devices = read.data ?? [];
  const tx = useTransaction();
  const chosen = (deviceId: string) => devices.find((d) => d.deviceId.toString() === deviceId);
  const form = useForm({ device: "" }, (v) => ({
    device:
      v.device === ""
        ? "Choose the installed device."
        : chosen(v.device)
          ? null
          : "That device is no longer an active Generator device of yours; choose another.",
  }));
  const submit = form.onSubmit(async (v) => {
    const device = chosen(v.device);
    if (!device) return;
    await tx.run(
      [
        {
          label: `Register device #${device.deviceId} (key ${shortAddress(device.key)})`,
          action: "registerDevice",
          fields: { generator, deviceKey: device.key },
        },
      ],
      "Device registered: the consumer can now activate the generator.",
    );
  });

  if (!read.data) return <LoadState loading={read.loading} error={read.error} what="your Generator devices" />;
  if (devices.length === 0) return <NoActiveDevice provider={provider} />;
  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label="Register the device">
      <LoadState loading={false} error={read.error} what="your Generator devices" />
      <SelectField
        {...form.bind("device")}
        label="Installed device"
        options={[
          { value: "", label: "Choose one of your active Generator devices" },
          ...devices.map((d) => ({ value: d.deviceId.toString(), label: deviceLabel(d) })),
        ]}
        hint={
          <>
            Your Generator devices the Technical DAO approved. Only the chosen device's key can sign the usage the
            generator accepts. Another device? <a href="#/devices">Apply on the Devices screen</a>.
          </>
        }
      />
      <button type="submit" disabled={tx.pending}>
        Register device
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

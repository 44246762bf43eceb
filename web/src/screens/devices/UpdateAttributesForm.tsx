// MX1: the operator updates the device's pool data and hardware status; each change is an event of its history.
import type { DeviceRow } from "../../api/energyTypes.ts";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkText } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { MAX_TEXT_BYTES } from "../energy/energyChecks.ts";

export function UpdateAttributesForm({ device }: { device: DeviceRow }) {
  const tx = useTransaction();
  const id = device.deviceId.toString();
  const form = useForm({ poolData: device.poolData, hardwareStatus: device.hardwareStatus }, (v) => ({
    poolData: checkText(v.poolData, { what: "the pool data", required: false, maxBytes: MAX_TEXT_BYTES }),
    hardwareStatus: checkText(v.hardwareStatus, {
      what: "the hardware status",
      required: false,
      maxBytes: MAX_TEXT_BYTES,
    }),
  }));
  const submit = form.onSubmit(async (v) => {
    await tx.run(
      [
        {
          label: `Update the attributes of device #${id}`,
          action: "updateDeviceAttributes",
          fields: { deviceId: id, poolData: v.poolData.trim(), hardwareStatus: v.hardwareStatus.trim() },
        },
      ],
      `Device #${id}'s attributes are updated.`,
    );
  });
  return (
    <section aria-labelledby="attributes-heading" className="panel">
      <h2 id="attributes-heading">Update the attributes</h2>
      <form onSubmit={submit} noValidate aria-labelledby="attributes-heading">
        <TextField {...form.bind("poolData")} label="Pool data" />
        <TextField
          {...form.bind("hardwareStatus")}
          label="Hardware status"
          hint="A status naming a fault, failure, error, offline or degraded state flags the device's payment requests."
        />
        <button type="submit" disabled={tx.pending}>
          Update attributes
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}

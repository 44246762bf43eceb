// DX8: the winning provider registers the installed device's key; only that key may report the energy delivered.
import type { Address } from "../../api/types.ts";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkAddress } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";

export function RegisterDeviceForm({ generator }: { generator: Address }) {
  const tx = useTransaction();
  const form = useForm({ deviceKey: "" }, (v) => ({ deviceKey: checkAddress(v.deviceKey) }));
  const submit = form.onSubmit(async (v) => {
    await tx.run(
      [
        {
          label: "Register the device key",
          action: "registerDevice",
          fields: { generator, deviceKey: v.deviceKey.trim() },
        },
      ],
      "Device key registered: the consumer can now activate the generator.",
    );
  });
  return (
    <form onSubmit={submit} noValidate className="inline-form">
      <TextField
        {...form.bind("deviceKey")}
        label="Device key (the installed device's address)"
        placeholder="0x…"
        hint="The address of the key inside the installed meter; only it can report delivery."
      />
      <button type="submit" disabled={tx.pending}>
        Register device key
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

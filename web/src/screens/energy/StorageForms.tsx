// MX3, MX7: a device asks a storage node to store what it sent, and asks for stored energy back; the node's key
// confirms what it received and completes a take-out with what it delivered. Each form checks what it can against
// the latest records (a node cannot confirm more than was sent, nor deliver more than was asked for).
import type { StorageOverview } from "../../api/energyTypes.ts";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { checkId, checkWh } from "./energyChecks.ts";
import { formatWh } from "./energyFormat.ts";

function RequestStoreForm() {
  const tx = useTransaction();
  const form = useForm({ nodeId: "", depositorId: "", sentWh: "" }, (v) => ({
    nodeId: checkId(v.nodeId, "storage node"),
    depositorId:
      checkId(v.depositorId, "device") ??
      (v.depositorId.trim() === v.nodeId.trim() ? "A node does not store for itself." : null),
    sentWh: checkWh(v.sentWh, { min: 1n }),
  }));
  const submit = form.onSubmit(async (v) => {
    const [node, depositor, wh] = [v.nodeId.trim(), v.depositorId.trim(), v.sentWh.trim()];
    const ok = await tx.run(
      [
        {
          label: `Ask node #${node} to store ${formatWh(BigInt(wh))} from device #${depositor}`,
          action: "requestStore",
          fields: { nodeId: node, depositorId: depositor, sentWh: wh },
        },
      ],
      `Store requested: node #${node} will confirm what it received.`,
    );
    if (ok) form.reset();
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="store-heading" className="card">
      <h3 id="store-heading">Store energy</h3>
      <p className="muted">The depositor device's key or operator asks.</p>
      <TextField {...form.bind("nodeId")} label="Storage node (device id)" inputMode="numeric" />
      <TextField {...form.bind("depositorId")} label="Depositor (device id)" inputMode="numeric" />
      <TextField {...form.bind("sentWh")} label="Energy sent (Wh)" inputMode="numeric" suffix="Wh" />
      <button type="submit" disabled={tx.pending}>
        Request store
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

function ConfirmStoreForm({ storage }: { storage: StorageOverview | undefined }) {
  const tx = useTransaction();
  const storeOf = (id: string) => storage?.stores.find((s) => s.storeId.toString() === id.trim());
  const form = useForm({ storeId: "", receivedWh: "" }, (v) => {
    const store = storeOf(v.storeId);
    return {
      storeId:
        checkId(v.storeId, "store") ??
        (store && store.status !== "pending" ? "That store is already confirmed." : null),
      receivedWh: checkWh(v.receivedWh, {
        max: store?.sentWh,
        maxReason: store ? "(what the device sent)" : undefined,
      }),
    };
  });
  const submit = form.onSubmit(async (v) => {
    const [id, wh] = [v.storeId.trim(), v.receivedWh.trim()];
    const ok = await tx.run(
      [
        {
          label: `Confirm store #${id}: ${formatWh(BigInt(wh))} received`,
          action: "confirmStore",
          fields: { storeId: id, receivedWh: wh },
        },
      ],
      `Store #${id} confirmed; the loss is on its record.`,
    );
    if (ok) form.reset();
  });
  const pending = storage?.stores.filter((s) => s.status === "pending") ?? [];
  return (
    <form onSubmit={submit} noValidate aria-labelledby="confirm-heading" className="card">
      <h3 id="confirm-heading">Confirm a store</h3>
      <p className="muted">
        The storage node's key reports what arrived.{" "}
        {pending.length > 0
          ? `Waiting: ${pending.map((s) => `#${s.storeId} (${formatWh(s.sentWh)} sent)`).join(", ")}.`
          : "No store is waiting."}
      </p>
      <TextField {...form.bind("storeId")} label="Store id" inputMode="numeric" />
      <TextField {...form.bind("receivedWh")} label="Energy received (Wh)" inputMode="numeric" suffix="Wh" />
      <button type="submit" disabled={tx.pending}>
        Confirm store
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

function RequestTakeOutForm({ storage }: { storage: StorageOverview | undefined }) {
  const tx = useTransaction();
  const storedAt = (node: string, depositor: string) =>
    storage?.nodes
      .find((n) => n.deviceId.toString() === node.trim())
      ?.depositors.find((d) => d.depositorId.toString() === depositor.trim())?.storedWh;
  const form = useForm({ nodeId: "", depositorId: "", wh: "" }, (v) => {
    const stored = storedAt(v.nodeId, v.depositorId);
    return {
      nodeId: checkId(v.nodeId, "storage node"),
      depositorId: checkId(v.depositorId, "device"),
      wh: checkWh(v.wh, { min: 1n, max: stored, maxReason: stored !== undefined ? "(stored there)" : undefined }),
    };
  });
  const submit = form.onSubmit(async (v) => {
    const [node, depositor, wh] = [v.nodeId.trim(), v.depositorId.trim(), v.wh.trim()];
    const ok = await tx.run(
      [
        {
          label: `Take ${formatWh(BigInt(wh))} out of node #${node} for device #${depositor}`,
          action: "requestTakeOut",
          fields: { nodeId: node, depositorId: depositor, wh },
        },
      ],
      `Take-out requested: node #${node} will send the energy back.`,
    );
    if (ok) form.reset();
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="take-out-heading" className="card">
      <h3 id="take-out-heading">Take energy out</h3>
      <p className="muted">The depositor device's key or operator asks for stored energy back.</p>
      <TextField {...form.bind("nodeId")} label="Storage node (device id)" inputMode="numeric" />
      <TextField {...form.bind("depositorId")} label="Depositor (device id)" inputMode="numeric" />
      <TextField {...form.bind("wh")} label="Energy to take out (Wh)" inputMode="numeric" suffix="Wh" />
      <button type="submit" disabled={tx.pending}>
        Request take-out
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

function CompleteTakeOutForm({ storage }: { storage: StorageOverview | undefined }) {
  const tx = useTransaction();
  const takeOutOf = (id: string) => storage?.takeOuts.find((t) => t.takeOutId.toString() === id.trim());
  const form = useForm({ takeOutId: "", deliveredWh: "" }, (v) => {
    const takeOut = takeOutOf(v.takeOutId);
    return {
      takeOutId:
        checkId(v.takeOutId, "take-out") ??
        (takeOut && takeOut.status !== "pending" ? "That take-out is already completed." : null),
      deliveredWh: checkWh(v.deliveredWh, {
        max: takeOut?.requestedWh,
        maxReason: takeOut ? "(what was asked for)" : undefined,
      }),
    };
  });
  const submit = form.onSubmit(async (v) => {
    const [id, wh] = [v.takeOutId.trim(), v.deliveredWh.trim()];
    const ok = await tx.run(
      [
        {
          label: `Complete take-out #${id}: ${formatWh(BigInt(wh))} delivered`,
          action: "completeTakeOut",
          fields: { takeOutId: id, deliveredWh: wh },
        },
      ],
      `Take-out #${id} completed.`,
    );
    if (ok) form.reset();
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="complete-heading" className="card">
      <h3 id="complete-heading">Complete a take-out</h3>
      <p className="muted">The storage node's key reports what it sent back; the rest stays stored.</p>
      <TextField {...form.bind("takeOutId")} label="Take-out id" inputMode="numeric" />
      <TextField {...form.bind("deliveredWh")} label="Energy delivered (Wh)" inputMode="numeric" suffix="Wh" />
      <button type="submit" disabled={tx.pending}>
        Complete take-out
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

export function StorageForms({ storage }: { storage: StorageOverview | undefined }) {
  return (
    <section aria-labelledby="storage-forms-heading" className="panel">
      <h2 id="storage-forms-heading">Store and take out</h2>
      <div className="form-grid">
        <RequestStoreForm />
        <ConfirmStoreForm storage={storage} />
        <RequestTakeOutForm storage={storage} />
        <CompleteTakeOutForm storage={storage} />
      </div>
    </section>
  );
}

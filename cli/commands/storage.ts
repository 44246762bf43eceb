// `drex storage`: a device asks a storage node to store energy it sent and to send it back; the node (its device
// key) confirms what it received and what it delivered (MX3, MX7).
import type { Command } from "commander";
import { completeTakeOut } from "../../sdk/actions/storage/completeTakeOut.ts";
import { confirmStore } from "../../sdk/actions/storage/confirmStore.ts";
import { getHolding } from "../../sdk/actions/storage/getHolding.ts";
import { requestStore } from "../../sdk/actions/storage/requestStore.ts";
import { requestTakeOut } from "../../sdk/actions/storage/requestTakeOut.ts";
import { type ChainFlags, openChainContext, openSigningContext, txFields, txLine, withChainFlags } from "../context.ts";
import { withExamples } from "../help.ts";
import { parseEnergyWh, parseId, parsePositiveEnergyWh } from "../parse.ts";
import { energyOf, formatWh, requireDevice } from "./energyDevice.ts";

type PairFlags = ChainFlags & { storageNode: bigint; depositor: bigint };

export function registerStorageCommands(program: Command): void {
  const storage = program
    .command("storage")
    .description("Storage nodes: store energy, confirm, take it out, complete (MX3, MX7).");
  withExamples(storage, ["drex storage store --storage-node 2 --depositor 3 --sent 10kWh"]);

  const withPair = (command: Command) =>
    command
      .requiredOption("--storage-node <id>", "the storage node's device id", parseId)
      .requiredOption("--depositor <id>", "the device whose energy it is (you are its key or operator)", parseId);

  withExamples(
    withChainFlags(
      withPair(
        storage
          .command("store")
          .description("Ask a storage node to store energy the depositor device sent (its key or operator)."),
      ).requiredOption("--sent <energy>", "energy sent, e.g. 10 kWh or 10000 Wh", parsePositiveEnergyWh),
    ),
    ["drex storage store --storage-node 2 --depositor 3 --sent 10kWh"],
  ).action(async (flags: PairFlags & { sent: bigint }) => {
    const context = await openSigningContext(flags);
    await requireDevice(context, flags.storageNode, "--storage-node");
    await requireDevice(context, flags.depositor, "--depositor");
    const result = await requestStore(context.wallet, {
      storageNode: energyOf(context).storageNode,
      nodeId: flags.storageNode,
      depositorId: flags.depositor,
      sentWh: flags.sent,
    });
    context.output.result(
      {
        storeId: result.storeId,
        nodeId: flags.storageNode,
        depositorId: flags.depositor,
        sentWh: flags.sent,
        ...txFields(result),
      },
      () => [
        `Store request #${result.storeId}: ${formatWh(flags.sent)} sent to node #${flags.storageNode}.`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      storage
        .command("confirm")
        .description("Confirm what the node received (the node's device key); the loss is computed and checked.")
        .argument("<storeId>", "the store request", parseId)
        .requiredOption("--received <energy>", "energy received, e.g. 9.8 kWh", parseEnergyWh),
    ),
    ["DREX_PRIVATE_KEY=$NODE_KEY drex storage confirm 1 --received 9.8kWh"],
  ).action(async (storeId: bigint, flags: ChainFlags & { received: bigint }) => {
    const context = await openSigningContext(flags);
    const result = await confirmStore(context.wallet, {
      storageNode: energyOf(context).storageNode,
      storeId,
      receivedWh: flags.received,
    });
    context.output.result(
      {
        storeId,
        receivedWh: flags.received,
        lossWh: result.lossWh,
        storedWh: result.storedWh,
        flagged: result.flagged,
        ...txFields(result),
      },
      () => [
        `Confirmed store #${storeId}: ${formatWh(flags.received)} received, ${formatWh(result.lossWh)} lost${
          result.flagged ? " (above the depositor's declared maximum: flagged)" : ""
        }; ${formatWh(result.storedWh)} stored.`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      withPair(
        storage.command("take-out").description("Ask for stored energy back (the depositor's key or operator)."),
      ).requiredOption("--energy <energy>", "energy to take out, e.g. 5 kWh", parsePositiveEnergyWh),
    ),
    ["drex storage take-out --storage-node 2 --depositor 3 --energy 5kWh"],
  ).action(async (flags: PairFlags & { energy: bigint }) => {
    const context = await openSigningContext(flags);
    const result = await requestTakeOut(context.wallet, {
      storageNode: energyOf(context).storageNode,
      nodeId: flags.storageNode,
      depositorId: flags.depositor,
      wh: flags.energy,
    });
    context.output.result(
      { takeOutId: result.takeOutId, requestedWh: flags.energy, storedWh: result.storedWh, ...txFields(result) },
      () => [
        `Take-out #${result.takeOutId}: ${formatWh(flags.energy)} reserved; ${formatWh(result.storedWh)} left stored.`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      storage
        .command("complete")
        .description("Report what the node sent back on a take-out (the node's device key); the rest stays stored.")
        .argument("<takeOutId>", "the take-out", parseId)
        .requiredOption("--delivered <energy>", "energy sent back, e.g. 5 kWh", parseEnergyWh),
    ),
    ["DREX_PRIVATE_KEY=$NODE_KEY drex storage complete 1 --delivered 5kWh"],
  ).action(async (takeOutId: bigint, flags: ChainFlags & { delivered: bigint }) => {
    const context = await openSigningContext(flags);
    const result = await completeTakeOut(context.wallet, {
      storageNode: energyOf(context).storageNode,
      takeOutId,
      deliveredWh: flags.delivered,
    });
    context.output.result(
      {
        takeOutId,
        deliveredWh: flags.delivered,
        returnedWh: result.returnedWh,
        storedWh: result.storedWh,
        ...txFields(result),
      },
      () => [
        `Completed take-out #${takeOutId}: ${formatWh(flags.delivered)} delivered, ${formatWh(result.returnedWh)} back in store.`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(withPair(storage.command("holding").description("Show a depositor's energy at a storage node."))),
    ["drex storage holding --storage-node 2 --depositor 3 --json"],
  ).action(async (flags: PairFlags) => {
    const context = await openChainContext(flags);
    const holding = await getHolding(context.publicClient, {
      storageNode: energyOf(context).storageNode,
      nodeId: flags.storageNode,
      depositorId: flags.depositor,
    });
    context.output.result({ nodeId: flags.storageNode, depositorId: flags.depositor, ...holding }, () => [
      `Device #${flags.depositor} at node #${flags.storageNode}: ${formatWh(holding.storedWh)} stored, ${formatWh(
        holding.pendingTakeOutWh,
      )} reserved for take-outs.`,
    ]);
  });
}

// The device's commands (DX8): the generator's device signs a usage reading (the energy delivered to a consumer since
// activation, cumulatively) with its key, the current key of a Generator device the Technical DAO approved, and the
// reading is relayed to the generator, which draws the consumer's credit down by the rise since their last reading.
import type { Command } from "commander";
import type { Address, Hex } from "viem";
import { getBlock } from "viem/actions";
import { deliverUsage } from "../../sdk/actions/device/deliverUsage.ts";
import { type ReportUsageReturnType, reportUsage } from "../../sdk/actions/device/reportUsage.ts";
import { formatMilliUnits } from "../../sdk/format.ts";
import { signUsage } from "../../sdk/generator/usage.ts";
import {
  type ChainFlags,
  openSigningContext,
  type SigningContext,
  txFields,
  txLine,
  withChainFlags,
} from "../context.ts";
import { UsageError } from "../errors.ts";
import { withExamples, withGeneratorFlags } from "../help.ts";
import { type GeneratorChoice, generatorUnit, resolveGenerator } from "../lookups.ts";
import { formatTime } from "../output.ts";
import { parseAddress, parseMilliUnits, parsePositiveWhole, parseSignature } from "../parse.ts";

const MAX_UINT64 = 2n ** 64n - 1n;

type ReportUsageFlags = ChainFlags &
  GeneratorChoice & { consumer: Address; units?: bigint; milliUnits?: bigint; delivered?: bigint };

type RelayUsageFlags = ChainFlags &
  GeneratorChoice & { consumer: Address; delivered: bigint; readAt: bigint; signature: Hex };

async function printReading(
  context: SigningContext,
  generator: Address,
  consumer: Address,
  result: ReportUsageReturnType,
  extra: Record<string, unknown>,
): Promise<void> {
  const unit = await generatorUnit(context, generator);
  context.output.result(
    {
      generator,
      consumer,
      ...extra,
      milliUnits: result.milliUnits,
      creditMilliUnits: result.creditMilliUnits,
      deliveredMilliUnits: result.deliveredMilliUnits,
      readAt: result.readAt,
      ...txFields(result),
    },
    () => [
      `Drew ${formatMilliUnits(result.milliUnits, unit)} from ${consumer}'s credit; ${formatMilliUnits(
        result.creditMilliUnits,
        unit,
      )} of credit left.`,
      `  ${formatMilliUnits(result.deliveredMilliUnits, unit)} delivered to them in all, read at ${formatTime(
        result.readAt,
      )}`,
      txLine(result),
    ],
  );
}

export function registerDeviceCommands(program: Command): void {
  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program
          .command("report-usage")
          .description(
            "Sign a usage reading with the device key (the generator's approved device) and send it, drawing the " +
              "consumer's credit down (DX8).",
          )
          .requiredOption("--consumer <address>", "whose credit the energy draws down", parseAddress)
          .option(
            "--units <amount>",
            "energy delivered since the consumer's last reading, in units, up to 3 decimals, e.g. 2.5 (kWh)",
            parseMilliUnits,
          )
          .option("--milli-units <n>", "the same in thousandths of a unit (Wh for kWh)", parsePositiveWhole)
          .option(
            "--delivered <milli-units>",
            "or the meter's cumulative reading: all energy delivered to the consumer since activation, milli-units",
            parsePositiveWhole,
          ),
      ),
    ).addHelpText(
      "after",
      [
        "",
        "The signer must be the device key: the current key of the generator's device in the",
        "device registry (an active Generator device the Technical DAO approved). The reading is",
        "dated at the latest block; it draws its rise over the consumer's last accepted reading.",
        "A reading signed elsewhere is sent with `drex relay-usage`.",
      ].join("\n"),
    ),
    [
      "DREX_PRIVATE_KEY=$DEVICE_KEY drex report-usage --request 1 --consumer 0x… --units 2.5",
      "drex report-usage --generator 0x… --consumer 0x… --milli-units 2500 --keystore device.json",
      "drex report-usage --request 1 --consumer 0x… --delivered 12500 --keystore device.json",
    ],
  ).action(async (flags: ReportUsageFlags) => {
    if (flags.units !== undefined && flags.milliUnits !== undefined) {
      throw new UsageError("--units", "give --units or --milli-units, not both");
    }
    const milliUnits = flags.units ?? flags.milliUnits;
    if (milliUnits !== undefined && flags.delivered !== undefined) {
      throw new UsageError(
        "--delivered",
        "give the energy delivered since the last reading (--units or --milli-units) or the cumulative reading (--delivered), not both",
      );
    }
    const reading: { milliUnits: bigint } | { deliveredMilliUnits: bigint } | null =
      milliUnits !== undefined
        ? { milliUnits }
        : flags.delivered !== undefined
          ? { deliveredMilliUnits: flags.delivered }
          : null;
    if (reading === null) {
      throw new UsageError("--units", "required: the energy delivered (--units, --milli-units or --delivered)");
    }
    const context = await openSigningContext(flags);
    const generator = await resolveGenerator(context, flags);
    let result: ReportUsageReturnType;
    if ("milliUnits" in reading) {
      result = await deliverUsage(context.wallet, {
        generator,
        device: context.signer,
        consumer: flags.consumer,
        milliUnits: reading.milliUnits,
      });
    } else {
      const { timestamp } = await getBlock(context.publicClient);
      const usage = { consumer: flags.consumer, deliveredMilliUnits: reading.deliveredMilliUnits, readAt: timestamp };
      const signature = await signUsage(context.signer, { chainId: context.chain.id, generator, usage });
      result = await reportUsage(context.wallet, { generator, usage, signature });
    }
    await printReading(context, generator, flags.consumer, result, { device: context.account });
  });

  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program
          .command("relay-usage")
          .description("Send a usage reading the generator's device signed elsewhere; any account may relay it (DX8).")
          .requiredOption("--consumer <address>", "the consumer the reading is about", parseAddress)
          .requiredOption(
            "--delivered <milli-units>",
            "the reading: all energy delivered to the consumer since activation, milli-units",
            parsePositiveWhole,
          )
          .requiredOption("--read-at <unix-seconds>", "when the device read it, Unix seconds", parsePositiveWhole)
          .requiredOption(
            "--signature <hex>",
            "the device's EIP-712 signature of the reading (65 bytes of hex)",
            parseSignature,
          ),
      ),
    ).addHelpText(
      "after",
      [
        "",
        "The device signs the EIP-712 typed data",
        "  Usage(address consumer,uint256 deliveredMilliUnits,uint64 readAt)",
        'in the generator\'s domain { name: "D-REX Generator", version: "1", chainId,',
        "verifyingContract: the generator }. The signer here only pays the gas; the signature",
        "is what counts: it must be by the device's current key in the device registry.",
      ].join("\n"),
    ),
    ["drex relay-usage --generator 0x… --consumer 0x… --delivered 12500 --read-at 1767225600 --signature 0x…"],
  ).action(async (flags: RelayUsageFlags) => {
    if (flags.readAt > MAX_UINT64) throw new UsageError("--read-at", "far past any time a device can read");
    const context = await openSigningContext(flags);
    const generator = await resolveGenerator(context, flags);
    const usage = { consumer: flags.consumer, deliveredMilliUnits: flags.delivered, readAt: flags.readAt };
    const result = await reportUsage(context.wallet, { generator, usage, signature: flags.signature });
    await printReading(context, generator, flags.consumer, result, { relayer: context.account });
  });
}

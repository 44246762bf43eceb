// The device's command: report energy delivered to a consumer, signed by the device key the provider registered (DX8).
import type { Command } from "commander";
import type { Address } from "viem";
import { reportUsage } from "../../sdk/actions/device/reportUsage.ts";
import { formatMilliUnits } from "../../sdk/format.ts";
import { type ChainFlags, openSigningContext, txFields, txLine, withChainFlags } from "../context.ts";
import { UsageError } from "../errors.ts";
import { withExamples, withGeneratorFlags } from "../help.ts";
import { type GeneratorChoice, generatorUnit, resolveGenerator } from "../lookups.ts";
import { parseAddress, parseMilliUnits, parsePositiveWhole } from "../parse.ts";

export function registerDeviceCommands(program: Command): void {
  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program
          .command("report-usage")
          .description("Report energy delivered to a consumer, drawing down their credit; the device key signs.")
          .requiredOption("--consumer <address>", "whose credit the energy draws down", parseAddress)
          .option("--units <amount>", "energy delivered in units, up to 3 decimals, e.g. 2.5 (kWh)", parseMilliUnits)
          .option("--milli-units <n>", "the same in thousandths of a unit (Wh for kWh)", parsePositiveWhole),
      ),
    ),
    [
      "DREX_PRIVATE_KEY=$DEVICE_KEY drex report-usage --request 1 --consumer 0x… --units 2.5",
      "drex report-usage --generator 0x… --consumer 0x… --milli-units 2500 --keystore device.json",
    ],
  ).action(async (flags: ChainFlags & GeneratorChoice & { consumer: Address; units?: bigint; milliUnits?: bigint }) => {
    if (flags.units !== undefined && flags.milliUnits !== undefined) {
      throw new UsageError("--units", "give --units or --milli-units, not both");
    }
    const milliUnits = flags.units ?? flags.milliUnits;
    if (milliUnits === undefined) throw new UsageError("--units", "required: the energy delivered");
    const context = await openSigningContext(flags);
    const generator = await resolveGenerator(context, flags);
    const result = await reportUsage(context.wallet, { generator, consumer: flags.consumer, milliUnits });
    const unit = await generatorUnit(context, generator);
    context.output.result(
      {
        generator,
        consumer: flags.consumer,
        milliUnits,
        creditMilliUnits: result.creditMilliUnits,
        ...txFields(result),
      },
      () => [
        `Reported ${formatMilliUnits(milliUnits, unit)} delivered to ${flags.consumer}; ${formatMilliUnits(
          result.creditMilliUnits,
          unit,
        )} of credit left.`,
        txLine(result),
      ],
    );
  });
}

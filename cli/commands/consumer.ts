// The consumer's commands: cancel a request, accept a bid (DX3), activate the generator (DX7), buy energy (DX8).
import type { Command } from "commander";
import { readContract } from "viem/actions";
import { GeneratorAbi } from "../../sdk/abi/Generator.ts";
import { acceptBid } from "../../sdk/actions/consumer/acceptBid.ts";
import { activate } from "../../sdk/actions/consumer/activate.ts";
import { buyEnergy } from "../../sdk/actions/consumer/buyEnergy.ts";
import { cancelRequest } from "../../sdk/actions/consumer/cancelRequest.ts";
import { formatMilliUnits, formatPrice, formatSolar } from "../../sdk/format.ts";
import { type ChainFlags, openSigningContext, txFields, txLine, withChainFlags } from "../context.ts";
import { UsageError } from "../errors.ts";
import { withExamples, withGeneratorFlags } from "../help.ts";
import { type GeneratorChoice, generatorUnit, requireBid, requireRequest, resolveGenerator } from "../lookups.ts";
import { formatTime } from "../output.ts";
import { parseId, parsePositiveSolar, parsePositiveWhole, parseWei } from "../parse.ts";
import { simulateBeforeApproval } from "../preflight.ts";

export function registerConsumerCommands(program: Command): void {
  withExamples(
    withChainFlags(
      program
        .command("cancel")
        .description("Cancel your request; allowed until you accept a bid.")
        .requiredOption("--request <id>", "the request to cancel", parseId),
    ),
    ["drex cancel --request 3"],
  ).action(async (flags: ChainFlags & { request: bigint }) => {
    const context = await openSigningContext(flags);
    await requireRequest(context, flags.request);
    const result = await cancelRequest(context.wallet, {
      marketplace: context.deployment.addresses.marketplace,
      requestId: flags.request,
    });
    context.output.result({ requestId: flags.request, ...txFields(result) }, () => [
      `Request #${flags.request} cancelled.`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      program
        .command("accept")
        .description("Accept a bid on your request once its bidding week has closed; financing opens.")
        .requiredOption("--request <id>", "your request", parseId)
        .requiredOption("--bid <id>", "the bid to accept", parseId),
    ),
    ["drex accept --request 1 --bid 2"],
  ).action(async (flags: ChainFlags & { request: bigint; bid: bigint }) => {
    const context = await openSigningContext(flags);
    await requireRequest(context, flags.request);
    await requireBid(context, flags.bid);
    const result = await acceptBid(context.wallet, {
      marketplace: context.deployment.addresses.marketplace,
      requestId: flags.request,
      bidId: flags.bid,
    });
    context.output.result(
      {
        requestId: flags.request,
        bidId: flags.bid,
        provider: result.provider,
        targetWei: result.targetWei,
        financingDeadline: result.financingDeadline,
        ...txFields(result),
      },
      () => [
        `Bid #${flags.bid} accepted for request #${flags.request}: financiers now raise ${formatSolar(
          result.targetWei,
        )} for ${result.provider}.`,
        `  financing is open until ${formatTime(result.financingDeadline)}`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program
          .command("activate")
          .description(
            "Activate your installed generator with an initial token: its first transaction; pays the provider.",
          )
          .requiredOption(
            "--initial-tokens <SOLAR>",
            "the initial payment, shared among the owners",
            parsePositiveSolar,
          ),
      ),
    ),
    ["drex activate --request 1 --initial-tokens 1", "drex activate --generator 0x… --initial-tokens 0.5"],
  ).action(async (flags: ChainFlags & GeneratorChoice & { initialTokens: bigint }) => {
    const context = await openSigningContext(flags);
    const generator = await resolveGenerator(context, flags);
    await simulateBeforeApproval(context, {
      address: generator,
      abi: GeneratorAbi,
      functionName: "activate",
      args: [flags.initialTokens],
      spendWei: flags.initialTokens,
    });
    const result = await activate(context.wallet, {
      generator,
      initialTokenWei: flags.initialTokens,
      token: context.deployment.addresses.token,
    });
    context.output.result(
      {
        generator,
        initialTokenWei: flags.initialTokens,
        provider: result.provider,
        escrowReleasedWei: result.escrowReleasedWei,
        approvalHash: result.approvalHash,
        ...txFields(result),
      },
      () => [
        `Generator ${generator} is active.`,
        `  ${formatSolar(result.escrowReleasedWei)} released to the provider ${result.provider}`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program
          .command("buy")
          .description("Buy energy from an active generator at its voted price; approves the payment if needed.")
          .requiredOption("--units <n>", "whole units to buy (kWh for electricity)", parsePositiveWhole)
          .option("--max-price <SOLAR>", "the most you will pay per unit (default: the price now)", parsePositiveSolar)
          .option("--max-price-wei-per-unit <wei>", "the same in wei", parseWei),
      ),
    ),
    ["drex buy --request 1 --units 10", "drex buy --generator 0x… --units 10 --max-price 0.3"],
  ).action(
    async (flags: ChainFlags & GeneratorChoice & { units: bigint; maxPrice?: bigint; maxPriceWeiPerUnit?: bigint }) => {
      if (flags.maxPrice !== undefined && flags.maxPriceWeiPerUnit !== undefined) {
        throw new UsageError("--max-price", "give --max-price or --max-price-wei-per-unit, not both");
      }
      const context = await openSigningContext(flags);
      const generator = await resolveGenerator(context, flags);
      const maxPriceWeiPerUnit =
        flags.maxPrice ??
        flags.maxPriceWeiPerUnit ??
        (await readContract(context.publicClient, { address: generator, abi: GeneratorAbi, functionName: "getAvg" }));
      await simulateBeforeApproval(context, {
        address: generator,
        abi: GeneratorAbi,
        functionName: "buyEnergy",
        args: [flags.units, maxPriceWeiPerUnit],
        spendWei: flags.units * maxPriceWeiPerUnit,
      });
      const result = await buyEnergy(context.wallet, {
        generator,
        units: flags.units,
        maxPriceWeiPerUnit,
        token: context.deployment.addresses.token,
      });
      const unit = await generatorUnit(context, generator);
      context.output.result(
        {
          generator,
          units: flags.units,
          priceWeiPerUnit: result.priceWeiPerUnit,
          costWei: result.costWei,
          creditMilliUnits: result.creditMilliUnits,
          approvalHash: result.approvalHash,
          ...txFields(result),
        },
        () => [
          `Bought ${flags.units.toLocaleString("en-US")} ${unit} at ${formatPrice(result.priceWeiPerUnit, unit)}: ${formatSolar(
            result.costWei,
          )}.`,
          `  your credit at this generator: ${formatMilliUnits(result.creditMilliUnits, unit)}`,
          txLine(result),
        ],
      );
    },
  );
}

// The financier's (owner's) commands: fund and refund (DX4, DX7), vote the price (DX6), claim revenue (DX9),
// transfer shares (DX5, DX11).
import type { Command } from "commander";
import type { Address } from "viem";
import { MarketplaceAbi } from "../../sdk/abi/Marketplace.ts";
import { claimRevenue } from "../../sdk/actions/financier/claimRevenue.ts";
import { fund } from "../../sdk/actions/financier/fund.ts";
import { refund } from "../../sdk/actions/financier/refund.ts";
import { transferShares } from "../../sdk/actions/financier/transferShares.ts";
import { votePrice } from "../../sdk/actions/financier/votePrice.ts";
import { withdrawVote } from "../../sdk/actions/financier/withdrawVote.ts";
import { formatPrice, formatShares, formatSolar } from "../../sdk/format.ts";
import { type ChainFlags, openSigningContext, txFields, txLine, withChainFlags } from "../context.ts";
import { UsageError } from "../errors.ts";
import { withExamples, withGeneratorFlags } from "../help.ts";
import { type GeneratorChoice, generatorUnit, requireRequest, resolveGenerator } from "../lookups.ts";
import { formatTime } from "../output.ts";
import { parseAddress, parseId, parsePositiveSolar, parsePositiveWhole, parseSolarOrZero, parseWei } from "../parse.ts";
import { simulateBeforeApproval } from "../preflight.ts";

export function registerFinancierCommands(program: Command): void {
  withExamples(
    withChainFlags(
      program
        .command("fund")
        .description(
          "Fund an accepted request with SOLAR (approving the marketplace if needed); never past its target.",
        )
        .requiredOption("--request <id>", "the request to fund", parseId)
        .requiredOption("--amount <SOLAR>", "your contribution, e.g. 6000 or 2,500.5", parsePositiveSolar),
    ),
    ["drex fund --request 1 --amount 6000"],
  ).action(async (flags: ChainFlags & { request: bigint; amount: bigint }) => {
    const context = await openSigningContext(flags);
    const { marketplace, token } = context.deployment.addresses;
    await requireRequest(context, flags.request);
    await simulateBeforeApproval(context, {
      address: marketplace,
      abi: MarketplaceAbi,
      functionName: "fund",
      args: [flags.request, flags.amount],
      spendWei: flags.amount,
    });
    const result = await fund(context.wallet, {
      marketplace,
      requestId: flags.request,
      amountWei: flags.amount,
      token,
    });
    context.output.result(
      {
        requestId: flags.request,
        amountWei: flags.amount,
        raisedWei: result.raisedWei,
        targetWei: result.targetWei,
        generator: result.generator,
        activationDeadline: result.activationDeadline,
        approvalHash: result.approvalHash,
        ...txFields(result),
      },
      () => [
        `Funded request #${flags.request} with ${formatSolar(flags.amount)}: ${formatSolar(result.raisedWei)} of ${formatSolar(
          result.targetWei,
        )} raised.`,
        ...(result.generator === null
          ? []
          : [
              `  financing complete: generator ${result.generator} created`,
              `  the consumer must activate it by ${formatTime(result.activationDeadline ?? 0n)}`,
            ]),
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      program
        .command("refund")
        .description("Take back all you contributed to a request whose financing or activation failed.")
        .requiredOption("--request <id>", "the request", parseId),
    ),
    ["drex refund --request 2"],
  ).action(async (flags: ChainFlags & { request: bigint }) => {
    const context = await openSigningContext(flags);
    await requireRequest(context, flags.request);
    const result = await refund(context.wallet, {
      marketplace: context.deployment.addresses.marketplace,
      requestId: flags.request,
    });
    context.output.result({ requestId: flags.request, amountWei: result.amountWei, ...txFields(result) }, () => [
      `Refunded ${formatSolar(result.amountWei)} from request #${flags.request}.`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program
          .command("vote")
          .description("Vote the price per unit you want for a generator you own shares of, or change your vote.")
          .option("--price <SOLAR>", "the price per unit (kWh) in SOLAR, e.g. 0.25", parseSolarOrZero)
          .option("--price-wei-per-unit <wei>", "the same in wei", parseWei),
      ),
    ),
    ["drex vote --request 1 --price 0.25", "drex vote --generator 0x… --price-wei-per-unit 250000000000000000"],
  ).action(async (flags: ChainFlags & GeneratorChoice & { price?: bigint; priceWeiPerUnit?: bigint }) => {
    if (flags.price !== undefined && flags.priceWeiPerUnit !== undefined) {
      throw new UsageError("--price", "give --price or --price-wei-per-unit, not both");
    }
    const priceWeiPerUnit = flags.price ?? flags.priceWeiPerUnit;
    if (priceWeiPerUnit === undefined) throw new UsageError("--price", "required: the price per unit you vote for");
    const context = await openSigningContext(flags);
    const generator = await resolveGenerator(context, flags);
    const result = await votePrice(context.wallet, { generator, priceWeiPerUnit });
    const unit = await generatorUnit(context, generator);
    context.output.result(
      { generator, priceWeiPerUnit, averagePriceWeiPerUnit: result.averagePriceWeiPerUnit, ...txFields(result) },
      () => [
        `Voted ${formatPrice(priceWeiPerUnit, unit)}; the price is now ${formatPrice(result.averagePriceWeiPerUnit, unit)}.`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program.command("withdraw-vote").description("Withdraw your price vote: your shares stop counting."),
      ),
    ),
    ["drex withdraw-vote --request 1"],
  ).action(async (flags: ChainFlags & GeneratorChoice) => {
    const context = await openSigningContext(flags);
    const generator = await resolveGenerator(context, flags);
    const result = await withdrawVote(context.wallet, { generator });
    const unit = await generatorUnit(context, generator);
    context.output.result(
      { generator, averagePriceWeiPerUnit: result.averagePriceWeiPerUnit, ...txFields(result) },
      () => [`Vote withdrawn; the price is now ${formatPrice(result.averagePriceWeiPerUnit, unit)}.`, txLine(result)],
    );
  });

  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program.command("claim").description("Claim all the revenue a generator owes you (kept after selling shares)."),
      ),
    ),
    ["drex claim --request 1"],
  ).action(async (flags: ChainFlags & GeneratorChoice) => {
    const context = await openSigningContext(flags);
    const generator = await resolveGenerator(context, flags);
    const result = await claimRevenue(context.wallet, { generator });
    context.output.result({ generator, amountWei: result.amountWei, ...txFields(result) }, () => [
      `Claimed ${formatSolar(result.amountWei)} from generator ${generator}.`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program
          .command("transfer-shares")
          .description("Transfer (sell) ownership shares of an active generator; your past revenue stays yours.")
          .requiredOption("--to <address>", "who receives the shares", parseAddress)
          .requiredOption("--shares <n>", "how many of the 10,000 shares (1 share = 0.01%)", parsePositiveWhole),
      ),
    ),
    ["drex transfer-shares --request 1 --to 0x… --shares 1000"],
  ).action(async (flags: ChainFlags & GeneratorChoice & { to: Address; shares: bigint }) => {
    const context = await openSigningContext(flags);
    const generator = await resolveGenerator(context, flags);
    const result = await transferShares(context.wallet, { generator, to: flags.to, shares: flags.shares });
    context.output.result({ generator, to: flags.to, shares: result.shares, ...txFields(result) }, () => [
      `Transferred ${formatShares(result.shares)} of generator ${generator} to ${flags.to}.`,
      txLine(result),
    ]);
  });
}

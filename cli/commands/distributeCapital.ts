// `drex capital` and `drex reputation`: buy and sell capital tokens against the community's pool (DS1), and the
// registrar's attestation of identities that gives an account its first reputation (DS2).
import type { Command } from "commander";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { CapitalTokenAbi } from "../../sdk/abi/CapitalToken.ts";
import { buyCapital } from "../../sdk/actions/distribute/buyCapital.ts";
import { getDistributeAccount } from "../../sdk/actions/distribute/getDistributeAccount.ts";
import { quoteCapital } from "../../sdk/actions/distribute/quoteCapital.ts";
import { registerReputation } from "../../sdk/actions/distribute/registerReputation.ts";
import { sellCapital } from "../../sdk/actions/distribute/sellCapital.ts";
import { formatSolar } from "../../sdk/format.ts";
import {
  accountOrSigner,
  type ChainFlags,
  openChainContext,
  openSigningContext,
  txFields,
  txLine,
  withChainFlags,
} from "../context.ts";
import { CliError, UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { table } from "../output.ts";
import { parseAddress, parseBps, parseNonEmpty, parsePositiveSolar, parsePositiveTokenWei } from "../parse.ts";
import { capital, distributeOf, formatAmount, reputation } from "./distributeShared.ts";

/** The SDK's default: a purchase may cost 1% over its quote, a sale pay 1% under. */
const DEFAULT_SLIPPAGE_BPS = 100;
const ONE_TOKEN = 10n ** 18n;

type TradeFlags = ChainFlags & { amount: bigint; slippageBps?: number };

/**
 * The slippage that keeps the SDK's limit within the one given: the SDK allows `quote ± quote × bps / 10,000`
 * (rounded towards the quote's side), so the largest whole `bps` with `quote × bps / 10,000 ≤ |limit − quote|` never
 * lets the trade past the limit.
 */
function slippageWithin(quoteWei: bigint, marginWei: bigint): number {
  if (quoteWei === 0n) return 0;
  const bps = (marginWei * 10_000n) / quoteWei;
  return Number(bps > 10_000n ? 10_000n : bps);
}

function bothLimits(flags: { slippageBps?: number | undefined }, limit: bigint | undefined, name: string): void {
  if (limit !== undefined && flags.slippageBps !== undefined) {
    throw new UsageError(name, "give it or --slippage-bps, not both");
  }
}

export function registerDistributeCapitalCommands(program: Command): void {
  const group = program
    .command("capital")
    .description("Capital tokens: buy and sell against the community's pool, quote, show the pool (DS1).");
  withExamples(group, ["drex capital quote --amount 100", "drex capital buy --amount 100 --slippage-bps 50"]);

  withExamples(
    withChainFlags(
      group
        .command("buy")
        .description(
          "Buy capital tokens with Solar Tokens (approving the capital token first): the price follows the pool's " +
            `balance per token and the share of the market bought. At most the quote plus --slippage-bps (default ${DEFAULT_SLIPPAGE_BPS}), or --max-cost.`,
        )
        .requiredOption("--amount <tokens>", "capital tokens to buy, like 100 or 12.5", parsePositiveTokenWei)
        .option(
          "--max-cost <SOLAR>",
          "the most you pay; the purchase reverts if the price moved past it",
          parsePositiveSolar,
        )
        .option("--slippage-bps <bps>", "or: how far above the quote the cost may move, basis points", parseBps),
    ),
    ["drex capital buy --amount 100", "drex capital buy --amount 600 --max-cost 12.5 --json"],
  ).action(async (flags: TradeFlags & { maxCost?: bigint }) => {
    bothLimits(flags, flags.maxCost, "--max-cost");
    const context = await openSigningContext(flags);
    const distribute = distributeOf(context);
    let slippageBps = flags.slippageBps ?? DEFAULT_SLIPPAGE_BPS;
    if (flags.maxCost !== undefined) {
      const quote = await quoteCapital(context.publicClient, { distribute, tokens: flags.amount });
      if (quote.buyCostWei > flags.maxCost) {
        throw new CliError(
          `${formatAmount(flags.amount)} capital tokens cost ${formatSolar(quote.buyCostWei)} now, more than --max-cost ${formatSolar(flags.maxCost)}`,
        );
      }
      slippageBps = slippageWithin(quote.buyCostWei, flags.maxCost - quote.buyCostWei);
    }
    context.output.progress(`buying ${capital(flags.amount)}…`);
    const result = await buyCapital(context.wallet, { distribute, tokens: flags.amount, slippageBps });
    context.output.result(
      {
        buyer: context.account,
        tokens: result.tokens,
        costWei: result.costWei,
        maxCostWei: result.maxCostWei,
        poolWei: result.poolWei,
        supply: result.supply,
        ...txFields(result),
      },
      () => [
        `Bought ${capital(result.tokens)} for ${formatSolar(result.costWei)} (at most ${formatSolar(result.maxCostWei)} allowed).`,
        `  pool ${formatSolar(result.poolWei)}, supply ${formatAmount(result.supply)}`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      group
        .command("sell")
        .description(
          "Sell capital tokens back for their proportional share of the pool. At least the quote less " +
            `--slippage-bps (default ${DEFAULT_SLIPPAGE_BPS}), or --min-refund.`,
        )
        .requiredOption("--amount <tokens>", "capital tokens to sell", parsePositiveTokenWei)
        .option("--min-refund <SOLAR>", "the least you accept; the sale reverts below it", parsePositiveSolar)
        .option("--slippage-bps <bps>", "or: how far below the quote the refund may fall, basis points", parseBps),
    ),
    ["drex capital sell --amount 10", "drex capital sell --amount 10 --min-refund 0.2 --json"],
  ).action(async (flags: TradeFlags & { minRefund?: bigint }) => {
    bothLimits(flags, flags.minRefund, "--min-refund");
    const context = await openSigningContext(flags);
    const distribute = distributeOf(context);
    let slippageBps = flags.slippageBps ?? DEFAULT_SLIPPAGE_BPS;
    if (flags.minRefund !== undefined) {
      const quote = await quoteCapital(context.publicClient, { distribute, tokens: flags.amount });
      const refundWei = quote.sellRefundWei ?? 0n;
      if (refundWei < flags.minRefund) {
        throw new CliError(
          `${formatAmount(flags.amount)} capital tokens pay ${formatSolar(refundWei)} now, less than --min-refund ${formatSolar(flags.minRefund)}`,
        );
      }
      slippageBps = slippageWithin(refundWei, refundWei - flags.minRefund);
    }
    context.output.progress(`selling ${capital(flags.amount)}…`);
    const result = await sellCapital(context.wallet, { distribute, tokens: flags.amount, slippageBps });
    context.output.result(
      {
        seller: context.account,
        tokens: result.tokens,
        refundWei: result.refundWei,
        minRefundWei: result.minRefundWei,
        poolWei: result.poolWei,
        supply: result.supply,
        ...txFields(result),
      },
      () => [
        `Sold ${capital(result.tokens)} for ${formatSolar(result.refundWei)}.`,
        `  pool ${formatSolar(result.poolWei)}, supply ${formatAmount(result.supply)}`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      group
        .command("quote")
        .description("What buying or selling an amount of capital tokens costs or pays now.")
        .requiredOption("--amount <tokens>", "capital tokens to price", parsePositiveTokenWei),
    ),
    ["drex capital quote --amount 100", "drex capital quote --amount 0.5 --json"],
  ).action(async (flags: ChainFlags & { amount: bigint }) => {
    const context = await openChainContext(flags);
    const quote = await quoteCapital(context.publicClient, { distribute: distributeOf(context), tokens: flags.amount });
    context.output.result({ tokens: flags.amount, ...quote }, () => [
      `${capital(flags.amount)}:`,
      ...table([
        ["buy for", formatSolar(quote.buyCostWei)],
        ["sell for", quote.sellRefundWei === null ? "- (fewer exist)" : formatSolar(quote.sellRefundWei)],
        ["pool", formatSolar(quote.poolWei)],
        ["supply", formatAmount(quote.supply)],
      ]),
    ]);
  });

  withExamples(
    withChainFlags(
      group.command("show").description("Show the pool: its balance, the supply and the price of a token."),
    ),
    ["drex capital show", "drex capital show --json"],
  ).action(async (flags: ChainFlags) => {
    const context = await openChainContext(flags);
    const distribute = distributeOf(context);
    const [quote, floorPriceWeiPerToken] = await Promise.all([
      quoteCapital(context.publicClient, { distribute, tokens: ONE_TOKEN }),
      readContract(context.publicClient, {
        address: distribute.capitalToken,
        abi: CapitalTokenAbi,
        functionName: "floorPriceWeiPerToken",
      }),
    ]);
    // The README's p: the pool's balance per token, never below the launch price.
    const perToken = quote.supply === 0n ? 0n : (quote.poolWei * ONE_TOKEN) / quote.supply;
    const priceWeiPerToken = perToken > floorPriceWeiPerToken ? perToken : floorPriceWeiPerToken;
    const shown = {
      capitalToken: distribute.capitalToken,
      currency: context.deployment.addresses.token,
      poolWei: quote.poolWei,
      supply: quote.supply,
      priceWeiPerToken,
      floorPriceWeiPerToken,
      buyOneTokenWei: quote.buyCostWei,
      sellOneTokenWei: quote.sellRefundWei,
    };
    context.output.result(shown, () => [
      `Capital token ${distribute.capitalToken}`,
      ...table([
        ["pool", formatSolar(quote.poolWei)],
        ["supply", `${formatAmount(quote.supply)} tokens`],
        ["price", `${formatSolar(priceWeiPerToken)} per token (launch price ${formatSolar(floorPriceWeiPerToken)})`],
        ["buy 1 token", formatSolar(quote.buyCostWei)],
        ["sell 1 token", quote.sellRefundWei === null ? "-" : formatSolar(quote.sellRefundWei)],
      ]),
    ]);
  });

  registerReputationCommands(program);
}

function registerReputationCommands(program: Command): void {
  const group = program
    .command("reputation")
    .description("Reputation: the registrar attests identities; show an account's holdings (DS2).");
  withExamples(group, ["drex reputation register --account 0x… --identity did:example:alice", "drex reputation show"]);

  withExamples(
    withChainFlags(
      group
        .command("register")
        .description(
          "Register an account with its identity (the registrar only); the account receives its first reputation. " +
            "The identity is hashed before it goes on-chain.",
        )
        .requiredOption("--account <address>", "the account to register", parseAddress)
        .requiredOption(
          "--identity <text>",
          "its persistent identity, like a DID (or its 32-byte hash)",
          parseNonEmpty,
        ),
    ),
    ["drex reputation register --account 0x… --identity did:example:alice"],
  ).action(async (flags: ChainFlags & { account: Address; identity: string }) => {
    const context = await openSigningContext(flags);
    context.output.progress(`registering ${flags.account}…`);
    const result = await registerReputation(context.wallet, {
      distribute: distributeOf(context),
      account: flags.account,
      identity: flags.identity,
    });
    context.output.result(
      {
        account: flags.account,
        identityHash: result.identityHash,
        initialReputation: result.initialReputation,
        ...txFields(result),
      },
      () => [
        `Registered ${flags.account}: it received ${reputation(result.initialReputation)}.`,
        `  identity hash ${result.identityHash}`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      group
        .command("show")
        .description("Show an account's capital tokens, reputation, identity and voting deposit.")
        .argument("[address]", "the account (default: the signer's)", parseAddress),
    ),
    ["drex reputation show 0x…", "drex reputation show --json"],
  ).action(async (given: Address | undefined, flags: ChainFlags) => {
    const account = await accountOrSigner(given, flags, "address");
    const context = await openChainContext(flags);
    const shown = await getDistributeAccount(context.publicClient, { distribute: distributeOf(context), account });
    context.output.result(shown, () => [
      `Account ${account}`,
      ...table([
        ["registered", shown.registered ? `yes (identity ${shown.identityHash})` : "no"],
        ["reputation", formatAmount(shown.reputation)],
        ["capital tokens", formatAmount(shown.tokens)],
        ["deposited to vote", `${capital(shown.depositedTokens)}, ${reputation(shown.depositedReputation)}`],
      ]),
    ]);
  });
}

// Solar Token commands (DX10): mint (the token's owner), send, buy from the initial sale, and the balance and sale reads.
import type { Command } from "commander";
import { type Address, formatEther } from "viem";
import { getBalance } from "viem/actions";
import { getCredit } from "../../sdk/actions/consumer/getCredit.ts";
import { buyFromSale } from "../../sdk/actions/token/buyFromSale.ts";
import { getSale } from "../../sdk/actions/token/getSale.ts";
import { getSolarBalance } from "../../sdk/actions/token/getSolarBalance.ts";
import { mint } from "../../sdk/actions/token/mint.ts";
import { transferSolar } from "../../sdk/actions/token/transferSolar.ts";
import { formatMilliUnits, formatSolar } from "../../sdk/format.ts";
import {
  accountOrSigner,
  type ChainContext,
  type ChainFlags,
  openChainContext,
  openSigningContext,
  txFields,
  txLine,
  withChainFlags,
} from "../context.ts";
import { CliError, UsageError } from "../errors.ts";
import { withExamples, withGeneratorFlags } from "../help.ts";
import { type GeneratorChoice, generatorUnit, resolveGenerator } from "../lookups.ts";
import { formatTime, table } from "../output.ts";
import { parseAddress, parsePositiveEther, parsePositiveSolar } from "../parse.ts";

export function registerTokenCommands(program: Command): void {
  withExamples(
    withChainFlags(
      program
        .command("mint")
        .description("Mint new SOLAR to an account: the token's owner only, never past the supply cap.")
        .requiredOption("--to <address>", "who receives the tokens", parseAddress)
        .requiredOption("--amount <SOLAR>", "how much to mint", parsePositiveSolar),
    ),
    ["drex mint --to 0x… --amount 20000"],
  ).action(async (flags: ChainFlags & { to: Address; amount: bigint }) => {
    const context = await openSigningContext(flags);
    const result = await mint(context.wallet, {
      token: context.deployment.addresses.token,
      to: flags.to,
      amountWei: flags.amount,
    });
    context.output.result({ to: flags.to, amountWei: result.amountWei, ...txFields(result) }, () => [
      `Minted ${formatSolar(result.amountWei)} to ${flags.to}.`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      program
        .command("send")
        .description("Send SOLAR to another account (to pay for shares bought from an owner, say).")
        .requiredOption("--to <address>", "who receives the tokens", parseAddress)
        .requiredOption("--amount <SOLAR>", "how much to send", parsePositiveSolar),
    ),
    ["drex send --to 0x… --amount 250"],
  ).action(async (flags: ChainFlags & { to: Address; amount: bigint }) => {
    const context = await openSigningContext(flags);
    const result = await transferSolar(context.wallet, {
      token: context.deployment.addresses.token,
      to: flags.to,
      amountWei: flags.amount,
    });
    context.output.result({ to: flags.to, amountWei: flags.amount, ...txFields(result) }, () => [
      `Sent ${formatSolar(flags.amount)} to ${flags.to}.`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      program
        .command("buy-tokens")
        .description("Buy SOLAR from the initial token sale with ether.")
        .option("--amount <SOLAR>", "the SOLAR you want (pays the least ether that buys it)", parsePositiveSolar)
        .option("--pay <ETH>", "or the ether to spend", parsePositiveEther),
    ),
    ["drex buy-tokens --amount 500", "drex buy-tokens --pay 0.25"],
  ).action(async (flags: ChainFlags & { amount?: bigint; pay?: bigint }) => {
    if ((flags.amount === undefined) === (flags.pay === undefined)) {
      throw new UsageError("--amount", "give either --amount (SOLAR wanted) or --pay (ether to spend)");
    }
    const context = await openSigningContext(flags);
    const sale = requireSale(context);
    const result =
      flags.amount !== undefined
        ? await buyFromSale(context.wallet, { sale, tokenWei: flags.amount })
        : await buyFromSale(context.wallet, { sale, paymentWei: flags.pay ?? 0n });
    context.output.result({ sale, paidWei: result.paidWei, tokenWei: result.tokenWei, ...txFields(result) }, () => [
      `Bought ${formatSolar(result.tokenWei)} for ${formatEther(result.paidWei)} ETH.`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(program.command("sale").description("Show the initial token sale: price, tranche, sold, deadline.")),
    ["drex sale"],
  ).action(async (flags: ChainFlags) => {
    const context = await openChainContext(flags);
    const sale = await getSale(context.publicClient, { sale: requireSale(context) });
    context.output.result(sale, () => [
      `Token sale ${sale.sale}: ${sale.open ? "open" : "closed"}`,
      ...table([
        ["price", `${formatEther(sale.priceWeiPerToken)} ETH per SOLAR`],
        ["tranche", formatSolar(sale.trancheTokenWei)],
        ["sold", formatSolar(sale.soldTokenWei)],
        ["remaining", formatSolar(sale.remainingTokenWei)],
        ["deadline", formatTime(sale.deadline)],
        ["treasury", sale.treasury],
      ]),
    ]);
  });

  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program
          .command("balance")
          .argument("[address]", "whose balance (default: your own)", parseAddress)
          .description("Show an account's SOLAR and ether, and its energy credit at a generator if one is named."),
      ),
    ),
    ["drex balance", "drex balance 0x…", "drex balance 0x… --request 1"],
  ).action(async (address: Address | undefined, flags: ChainFlags & GeneratorChoice) => {
    const account = await accountOrSigner(address, flags, "address");
    const context = await openChainContext(flags);
    const [solarWei, etherWei] = await Promise.all([
      getSolarBalance(context.publicClient, { token: context.deployment.addresses.token, account }),
      getBalance(context.publicClient, { address: account }),
    ]);
    let credit: { generator: Address; creditMilliUnits: bigint; unit: string } | null = null;
    if (flags.generator !== undefined || flags.request !== undefined) {
      const generator = await resolveGenerator(context, flags);
      const [creditMilliUnits, unit] = await Promise.all([
        getCredit(context.publicClient, { generator, account }),
        generatorUnit(context, generator),
      ]);
      credit = { generator, creditMilliUnits, unit };
    }
    context.output.result({ account, solarWei, etherWei, ...(credit ?? {}) }, () => [
      `Balance of ${account}`,
      ...table([
        ["SOLAR", formatSolar(solarWei)],
        ["ether", `${formatEther(etherWei)} ETH`],
        ...(credit === null
          ? []
          : [["credit", `${formatMilliUnits(credit.creditMilliUnits, credit.unit)} at ${credit.generator}`] as const]),
      ]),
    ]);
  });
}

function requireSale(context: ChainContext): Address {
  const sale = context.deployment.addresses.sale;
  if (sale === null) throw new CliError("this deployment has no token sale");
  return sale;
}

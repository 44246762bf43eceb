// Reads for every role: open requests (DX1–DX4), a generator with its owners (DX5–DX9), a financier's portfolio.
import type { Command } from "commander";
import type { Address } from "viem";
import { getPortfolio } from "../../sdk/actions/financier/getPortfolio.ts";
import { getGenerator } from "../../sdk/actions/generator/getGenerator.ts";
import { getOpenRequests } from "../../sdk/actions/market/getOpenRequests.ts";
import { REQUEST_STATUSES } from "../../sdk/status.ts";
import { accountOrSigner, type ChainFlags, openChainContext, withChainFlags } from "../context.ts";
import { UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { resolveGenerator } from "../lookups.ts";
import { parseAddress, parseId } from "../parse.ts";
import { generatorLines, portfolioLines, requestSummaryLine } from "../views.ts";

export function registerMarketCommands(program: Command): void {
  withExamples(
    withChainFlags(
      program
        .command("requests")
        .description("List the open requests (bidding, awaiting acceptance, financing) with their bids.")
        .option("--all", "list every request, closed ones too"),
    ),
    ["drex requests", "drex requests --all --json"],
  ).action(async (flags: ChainFlags & { all?: boolean }) => {
    const context = await openChainContext(flags);
    const requests = await getOpenRequests(context.publicClient, {
      marketplace: context.deployment.addresses.marketplace,
      ...(flags.all ? { statuses: REQUEST_STATUSES.filter((status) => status !== "None") } : {}),
    });
    context.output.result(requests, () =>
      requests.length === 0
        ? [flags.all ? "No requests yet." : "No open requests."]
        : [...requests.map(requestSummaryLine), "", "Details: drex request <id>"],
    );
  });

  withExamples(
    withChainFlags(
      program
        .command("generator")
        .argument("[address]", "the generator's address", parseAddress)
        .option("--request <id>", "or the request whose generator it is", parseId)
        .description("Show a generator: phase, price, revenue, device key and every owner's shares, claim and vote."),
    ),
    ["drex generator 0x…", "drex generator --request 1 --json"],
  ).action(async (address: Address | undefined, flags: ChainFlags & { request?: bigint }) => {
    if (address !== undefined && flags.request !== undefined) {
      throw new UsageError("address", "give a generator address or --request, not both");
    }
    const context = await openChainContext(flags);
    const generator = await resolveGenerator(context, { generator: address, request: flags.request });
    const view = await getGenerator(context.publicClient, { generator, fromBlock: context.deployment.fromBlock });
    context.output.result(view, () => generatorLines(view));
  });

  withExamples(
    withChainFlags(
      program
        .command("portfolio")
        .argument("[address]", "whose portfolio (default: your own)", parseAddress)
        .description("Show a financier's generators (shares, claimable revenue, votes) and open contributions."),
    ),
    ["drex portfolio", "drex portfolio 0x… --json"],
  ).action(async (address: Address | undefined, flags: ChainFlags) => {
    const account = await accountOrSigner(address, flags, "address");
    const context = await openChainContext(flags);
    const portfolio = await getPortfolio(context.publicClient, {
      marketplace: context.deployment.addresses.marketplace,
      account,
      fromBlock: context.deployment.fromBlock,
    });
    context.output.result(portfolio, () => portfolioLines(portfolio));
  });
}

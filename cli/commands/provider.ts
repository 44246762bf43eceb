// The provider's commands: bid on a request and withdraw the bid (DX2), register the installed device, a Generator
// device the Technical DAO approved, by its key (DX7, DX8).
import type { Command } from "commander";
import { type Address, isAddressEqual, parseEventLogs } from "viem";
import { GeneratorAbi } from "../../sdk/abi/Generator.ts";
import { placeBid } from "../../sdk/actions/provider/placeBid.ts";
import { registerDevice } from "../../sdk/actions/provider/registerDevice.ts";
import { withdrawBid } from "../../sdk/actions/provider/withdrawBid.ts";
import { formatDuration, formatSolar } from "../../sdk/format.ts";
import { type ChainFlags, openSigningContext, txFields, txLine, withChainFlags } from "../context.ts";
import { UsageError } from "../errors.ts";
import { withExamples, withGeneratorFlags } from "../help.ts";
import { type GeneratorChoice, requireBid, requireRequest, resolveGenerator } from "../lookups.ts";
import {
  parseAddress,
  parseDaysAsSeconds,
  parseId,
  parseNonEmpty,
  parsePositiveSolar,
  parsePositiveWhole,
} from "../parse.ts";

const MAX_UINT32 = 2n ** 32n - 1n;

type BidFlags = ChainFlags & {
  request: bigint;
  unitType: string;
  cost: bigint;
  installationDays?: bigint;
  installationSeconds?: bigint;
  insurance?: string;
};

export function registerProviderCommands(program: Command): void {
  withExamples(
    withChainFlags(
      program
        .command("bid")
        .description("Bid on a request while its bidding week is open: what you install, its cost and time.")
        .requiredOption("--request <id>", "the request to bid on", parseId)
        .requiredOption("--unit-type <text>", 'what you will install, e.g. "5 kW PV + 10 kWh LFP"', parseNonEmpty)
        .requiredOption("--cost <SOLAR>", "the installation cost: what financiers raise if you win", parsePositiveSolar)
        .option("--installation-days <days>", "how long installation takes once funded, in days", parseDaysAsSeconds)
        .option("--installation-seconds <seconds>", "the same in seconds", parsePositiveWhole)
        .option("--insurance <text>", "your insurance, in words"),
    ),
    [
      'drex bid --request 1 --unit-type "5 kW PV + 10 kWh LFP" --cost 12000 --installation-days 21 --insurance "2 years"',
    ],
  ).action(async (flags: BidFlags) => {
    if (flags.installationDays !== undefined && flags.installationSeconds !== undefined) {
      throw new UsageError("--installation-days", "give --installation-days or --installation-seconds, not both");
    }
    const installationSeconds = flags.installationDays ?? flags.installationSeconds;
    if (installationSeconds === undefined) {
      throw new UsageError("--installation-days", "required: how long installation takes once funded");
    }
    if (installationSeconds > MAX_UINT32) throw new UsageError("--installation-days", "far too long");
    const context = await openSigningContext(flags);
    await requireRequest(context, flags.request);
    const result = await placeBid(context.wallet, {
      marketplace: context.deployment.addresses.marketplace,
      requestId: flags.request,
      unitType: flags.unitType,
      installationCostWei: flags.cost,
      installationSeconds: Number(installationSeconds),
      insurance: flags.insurance,
    });
    context.output.result(
      {
        bidId: result.bidId,
        requestId: flags.request,
        provider: context.account,
        installationCostWei: flags.cost,
        installationSeconds,
        ...txFields(result),
      },
      () => [
        `Bid #${result.bidId} placed on request #${flags.request}: ${formatSolar(flags.cost)}, installed in ${formatDuration(
          installationSeconds,
        )}.`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      program
        .command("withdraw")
        .description("Withdraw your bid; allowed until a bid on its request is accepted.")
        .requiredOption("--bid <id>", "your bid", parseId),
    ),
    ["drex withdraw --bid 2"],
  ).action(async (flags: ChainFlags & { bid: bigint }) => {
    const context = await openSigningContext(flags);
    await requireBid(context, flags.bid);
    const result = await withdrawBid(context.wallet, {
      marketplace: context.deployment.addresses.marketplace,
      bidId: flags.bid,
    });
    context.output.result({ bidId: flags.bid, ...txFields(result) }, () => [
      `Bid #${flags.bid} withdrawn.`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      withGeneratorFlags(
        program
          .command("register-device")
          .description(
            "Register (or, before activation, replace) the installed device by its key: an approved Generator device you operate (DX7, DX8).",
          )
          .requiredOption("--device-key <address>", "the device's current key in the device registry", parseAddress),
      ),
    ).addHelpText(
      "after",
      [
        "",
        "The key must be the current key of an active Generator device that the provider (the",
        "signer) operates in the device registry, approved by the Technical DAO: apply with",
        "`drex device apply --kind generator`, then DAO members pass it with",
        "`drex dao propose-device <id> --decision approve`, `drex dao vote` and `drex dao execute`.",
        "The device signs its usage readings with that key (`drex report-usage`).",
      ].join("\n"),
    ),
    ["drex register-device --request 1 --device-key 0x…"],
  ).action(async (flags: ChainFlags & GeneratorChoice & { deviceKey: Address }) => {
    const context = await openSigningContext(flags);
    const generator = await resolveGenerator(context, flags);
    const result = await registerDevice(context.wallet, { generator, deviceKey: flags.deviceKey });
    const [registered] = parseEventLogs({
      abi: GeneratorAbi,
      eventName: "DeviceRegistered",
      logs: result.receipt.logs,
    }).filter((log) => isAddressEqual(log.address, generator));
    if (registered === undefined) throw new Error(`expected a DeviceRegistered event from ${generator}`);
    const { deviceId } = registered.args;
    context.output.result({ generator, deviceId, deviceKey: flags.deviceKey, ...txFields(result) }, () => [
      `Device #${deviceId} (key ${flags.deviceKey}) registered for generator ${generator}.`,
      txLine(result),
    ]);
  });
}

// `drex payment`: a device's operator requests payment for a month's energy, with the integrity figures the node
// computed from the device's signed readings (MX4); the Technical DAO then votes (`drex dao propose-payment`).
import type { Command } from "commander";
import { requestPayment } from "../../sdk/actions/operator/requestPayment.ts";
import { type ChainFlags, openSigningContext, txFields, txLine, withChainFlags } from "../context.ts";
import { CliError, networkReason, UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { table } from "../output.ts";
import { parseBps, parseEnergyWh, parseId, parseMonth, parsePositiveEnergyWh, parseWhole } from "../parse.ts";
import { energyOf, formatWh, requireDevice } from "./energyDevice.ts";

/** The node `drex status` asks by default: where the integrity figures come from without --node. */
const DEFAULT_NODE_URL = "http://127.0.0.1:8080";

type Figures = {
  firstRootPeriodId: bigint;
  lastRootPeriodId: bigint;
  sentWh: bigint;
  readingCount: bigint;
  gaps: bigint;
  uptimeBps: number;
  lossWh: bigint;
};

type RequestFlags = ChainFlags & {
  device: bigint;
  month: number;
  firstRoot?: bigint;
  lastRoot?: bigint;
  sent?: bigint;
  readingCount?: bigint;
  gaps?: bigint;
  uptimeBps?: number;
  loss?: bigint;
};

/** The node's figures for the device and month: GET /api/v1/energy/devices/:id/integrity?month=YYYYMM. */
async function fetchIntegrity(nodeUrl: string, deviceId: bigint, month: number): Promise<Partial<Figures>> {
  const url = `${nodeUrl}/api/v1/energy/devices/${deviceId}/integrity?month=${month}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new CliError(
      `cannot reach the D-REX node at ${nodeUrl} (${networkReason(error)}) for the integrity figures: pass --node URL, or give every figure as a flag`,
    );
  }
  if (!response.ok) throw new CliError(`${url} answered HTTP ${response.status}`);
  // Amounts arrive as decimal strings, counts (readings, gaps, uptime) as JSON numbers; either is taken.
  const body = (await response.json()) as Record<string, unknown>;
  const whole = (field: string): bigint | undefined => {
    const value = body[field];
    if (typeof value === "string" && /^\d+$/.test(value)) return BigInt(value);
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    return undefined;
  };
  const figures: Partial<Figures> = {};
  for (const field of ["firstRootPeriodId", "lastRootPeriodId", "sentWh", "readingCount", "gaps", "lossWh"] as const) {
    const value = whole(field);
    if (value !== undefined) figures[field] = value;
  }
  const uptime = whole("uptimeBps");
  if (uptime !== undefined) figures.uptimeBps = Number(uptime);
  return figures;
}

export function registerPaymentCommands(program: Command): void {
  const payment = program
    .command("payment")
    .description("Request payment for a device's energy in a month (MX4); the DAO approves or refuses it.");
  withExamples(payment, ["drex payment request --device 3 --month 202611"]);

  withExamples(
    withChainFlags(
      payment
        .command("request")
        .description(
          "Request payment for a month (the device's operator). The integrity figures come from the node's " +
            `/api/v1/energy/devices/:id/integrity (--node, default ${DEFAULT_NODE_URL}); each flag below overrides one.`,
        )
        .requiredOption("--device <id>", "the device", parseId)
        .requiredOption("--month <YYYYMM>", "the UTC month, e.g. 202611", parseMonth)
        .option("--first-root <periodId>", "the first readings commit period (hour id) the claim rests on", parseWhole)
        .option("--last-root <periodId>", "the last one, inclusive", parseWhole)
        .option("--sent <energy>", "energy sent in the month, e.g. 120 kWh or 120000 Wh", parsePositiveEnergyWh)
        .option("--reading-count <n>", "readings in the range", parseWhole)
        .option("--gaps <n>", "readings missing from the device's sequence", parseWhole)
        .option("--uptime-bps <bps>", "share of the month the heartbeats cover, basis points", parseBps)
        .option("--loss <energy>", "transmission loss, e.g. 1.2 kWh", parseEnergyWh),
    ),
    [
      "drex payment request --device 3 --month 202611",
      "drex payment request --device 3 --month 202611 --node http://10.0.0.5:8080 --sent 118kWh",
    ],
  ).action(async (flags: RequestFlags) => {
    const given: Partial<Figures> = {
      ...(flags.firstRoot === undefined ? {} : { firstRootPeriodId: flags.firstRoot }),
      ...(flags.lastRoot === undefined ? {} : { lastRootPeriodId: flags.lastRoot }),
      ...(flags.sent === undefined ? {} : { sentWh: flags.sent }),
      ...(flags.readingCount === undefined ? {} : { readingCount: flags.readingCount }),
      ...(flags.gaps === undefined ? {} : { gaps: flags.gaps }),
      ...(flags.uptimeBps === undefined ? {} : { uptimeBps: flags.uptimeBps }),
      ...(flags.loss === undefined ? {} : { lossWh: flags.loss }),
    };
    const context = await openSigningContext(flags);
    await requireDevice(context, flags.device, "--device");
    const complete = Object.keys(given).length === 7;
    const measured = complete ? {} : await fetchIntegrity(flags.node ?? DEFAULT_NODE_URL, flags.device, flags.month);
    const figures = { ...measured, ...given };
    const flagOf: Record<keyof Figures, string> = {
      firstRootPeriodId: "--first-root",
      lastRootPeriodId: "--last-root",
      sentWh: "--sent",
      readingCount: "--reading-count",
      gaps: "--gaps",
      uptimeBps: "--uptime-bps",
      lossWh: "--loss",
    };
    for (const [field, flag] of Object.entries(flagOf)) {
      if (figures[field as keyof Figures] === undefined) {
        throw new UsageError(flag, `the node has no figure for it (no committed readings that month?): give ${flag}`);
      }
    }
    const claim = figures as Figures;
    const result = await requestPayment(context.wallet, {
      energyPayments: energyOf(context).energyPayments,
      deviceId: flags.device,
      period: flags.month,
      firstRootPeriodId: claim.firstRootPeriodId,
      lastRootPeriodId: claim.lastRootPeriodId,
      sentWh: claim.sentWh,
      readingCount: Number(claim.readingCount),
      gaps: Number(claim.gaps),
      uptimeBps: claim.uptimeBps,
      lossWh: claim.lossWh,
    });
    context.output.result(
      {
        requestId: result.requestId,
        deviceId: flags.device,
        period: flags.month,
        ...claim,
        overridden: Object.keys(given),
        ...txFields(result),
      },
      () => [
        `Requested payment #${result.requestId} for device #${flags.device}, ${flags.month}: ${formatWh(claim.sentWh)} sent.`,
        ...table([
          ["roots", `${claim.firstRootPeriodId} to ${claim.lastRootPeriodId}`],
          ["readings / gaps", `${claim.readingCount} / ${claim.gaps}`],
          ["uptime", `${claim.uptimeBps} bps`],
          ["loss", formatWh(claim.lossWh)],
        ]),
        txLine(result),
      ],
    );
  });
}

// `drex device`: an operator applies for a clean-energy device and updates its attributes; anyone reads devices
// (MX1). Also the helpers the other measured-energy commands share.
import { type Command, Option } from "commander";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { DeviceRegistryAbi } from "../../sdk/abi/DeviceRegistry.ts";
import { applyDevice, DEVICE_KINDS, type DeviceKindName } from "../../sdk/actions/operator/applyDevice.ts";
import { DEVICE_STATUSES, type DeviceView, getDevice } from "../../sdk/actions/operator/getDevice.ts";
import { updateDeviceAttributes } from "../../sdk/actions/operator/updateDeviceAttributes.ts";
import type { EnergyAddresses } from "../../sdk/energy/deployEnergy.ts";
import { formatMilliUnits } from "../../sdk/format.ts";
import {
  type ChainContext,
  type ChainFlags,
  openChainContext,
  openSigningContext,
  txFields,
  txLine,
  withChainFlags,
} from "../context.ts";
import { CliError, UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { formatTime, table } from "../output.ts";
import { parseAddress, parseBps, parseId, parseNonEmpty, parsePositiveWhole, parsePowerW } from "../parse.ts";

/** The deployment's measured-energy modules; a deployment without them cannot serve these commands. */
export function energyOf(context: ChainContext): EnergyAddresses {
  if (context.deployment.energy === null) {
    throw new CliError(
      "this deployment has no measured-energy modules (its deployment file lists no energy addresses)",
    );
  }
  return context.deployment.energy;
}

/** A device id that names a device on this deployment; a usage error for `field` otherwise. */
export async function requireDevice(context: ChainContext, deviceId: bigint, field: string): Promise<DeviceView> {
  try {
    return await getDevice(context.publicClient, { deviceRegistry: energyOf(context).deviceRegistry, deviceId });
  } catch {
    throw new UsageError(field, `there is no device #${deviceId}`);
  }
}

/** 1500n → "1.5 kWh" (a watt-hour is a thousandth of a kWh). */
export function formatWh(wh: bigint): string {
  return formatMilliUnits(wh, "kWh");
}

function deviceRows(device: DeviceView): [string, string][] {
  return [
    ["status", device.status],
    ["kind", device.kind],
    ["operator", device.operator],
    ["key", device.key],
    ["rated power", `${device.ratedPowerW.toLocaleString("en-US")} W`],
    ["max loss", `${device.maxLossBps} bps`],
    ["location", device.location],
    ["pool data", device.poolData || "-"],
    ["hardware status", device.hardwareStatus || "-"],
    ["applied", formatTime(device.appliedAt)],
  ];
}

export function registerEnergyDeviceCommands(program: Command): void {
  const device = program
    .command("device")
    .description("Clean-energy devices: apply, update attributes, show and list (MX1).");
  withExamples(device, [
    "drex device apply --key 0x… --kind generator --rated-power 5kW --location Kisumu",
    "drex device list",
  ]);

  withExamples(
    withChainFlags(
      device
        .command("apply")
        .description("Apply for a device as its operator (the signer); the Technical DAO then approves or rejects it.")
        .requiredOption("--key <address>", "the address the device signs its readings with", parseAddress)
        .addOption(new Option("--kind <kind>", "what the device is").choices(DEVICE_KINDS).makeOptionMandatory())
        .requiredOption("--rated-power <W>", "rated power, e.g. 5000, 5000 W or 5 kW", parsePowerW)
        .option(
          "--max-loss-bps <bps>",
          "declared maximum transmission loss, basis points of energy sent",
          parseBps,
          500,
        )
        .requiredOption("--location <text>", "where the device is", parseNonEmpty)
        .option("--pool-data <text>", "the mining-pool data its miner reports", "")
        .option("--hardware-status <text>", "its hardware status", "ok"),
    ),
    ["drex device apply --key 0x… --kind generator --rated-power 5kW --location 'Kisumu, Kenya'"],
  ).action(
    async (
      flags: ChainFlags & {
        key: Address;
        kind: DeviceKindName;
        ratedPower: bigint;
        maxLossBps: number;
        location: string;
        poolData: string;
        hardwareStatus: string;
      },
    ) => {
      const context = await openSigningContext(flags);
      const result = await applyDevice(context.wallet, {
        deviceRegistry: energyOf(context).deviceRegistry,
        key: flags.key,
        kind: flags.kind,
        ratedPowerW: flags.ratedPower,
        maxLossBps: flags.maxLossBps,
        location: flags.location,
        poolData: flags.poolData,
        hardwareStatus: flags.hardwareStatus,
      });
      context.output.result({ deviceId: result.deviceId, operator: context.account, ...txFields(result) }, () => [
        `Applied for device #${result.deviceId}; it waits for the Technical DAO's decision.`,
        txLine(result),
      ]);
    },
  );

  withExamples(
    withChainFlags(
      device
        .command("update")
        .description("Update a device's pool data and hardware status (its operator); what is not given is kept.")
        .argument("<deviceId>", "the device", parseId)
        .option("--pool-data <text>", "new pool data")
        .option("--hardware-status <text>", "new hardware status"),
    ),
    ["drex device update 3 --hardware-status 'inverter replaced'"],
  ).action(async (deviceId: bigint, flags: ChainFlags & { poolData?: string; hardwareStatus?: string }) => {
    if (flags.poolData === undefined && flags.hardwareStatus === undefined) {
      throw new UsageError("--hardware-status", "give --pool-data, --hardware-status or both");
    }
    const context = await openSigningContext(flags);
    const current = await requireDevice(context, deviceId, "deviceId");
    const poolData = flags.poolData ?? current.poolData;
    const hardwareStatus = flags.hardwareStatus ?? current.hardwareStatus;
    const result = await updateDeviceAttributes(context.wallet, {
      deviceRegistry: energyOf(context).deviceRegistry,
      deviceId,
      poolData,
      hardwareStatus,
    });
    context.output.result({ deviceId, poolData, hardwareStatus, ...txFields(result) }, () => [
      `Updated device #${deviceId}: pool data "${poolData}", hardware status "${hardwareStatus}".`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      device
        .command("show")
        .description("Show a device as the registry holds it.")
        .argument("<deviceId>", "the device", parseId),
    ),
    ["drex device show 3", "drex device show 3 --json"],
  ).action(async (deviceId: bigint, flags: ChainFlags) => {
    const context = await openChainContext(flags);
    const shown = await requireDevice(context, deviceId, "deviceId");
    context.output.result(shown, () => [`Device #${deviceId}`, ...table(deviceRows(shown))]);
  });

  withExamples(
    withChainFlags(
      device
        .command("list")
        .description("List devices, newest first.")
        .addOption(new Option("--status <status>", "only devices in this status").choices(DEVICE_STATUSES))
        .option("--operator <address>", "only this operator's devices", parseAddress)
        .addOption(new Option("--limit <n>", "at most this many").argParser(parsePositiveWhole).default(50n, "50")),
    ),
    ["drex device list --status applied", "drex device list --operator 0x… --json"],
  ).action(async (flags: ChainFlags & { status?: string; operator?: Address; limit: bigint }) => {
    const context = await openChainContext(flags);
    const deviceRegistry = energyOf(context).deviceRegistry;
    const count = await readContract(context.publicClient, {
      address: deviceRegistry,
      abi: DeviceRegistryAbi,
      functionName: "deviceCount",
    });
    const devices: DeviceView[] = [];
    for (let id = count; id >= 1n && BigInt(devices.length) < flags.limit; id--) {
      const shown = await getDevice(context.publicClient, { deviceRegistry, deviceId: id });
      if (flags.status !== undefined && shown.status !== flags.status) continue;
      if (flags.operator !== undefined && shown.operator !== flags.operator) continue;
      devices.push(shown);
    }
    context.output.result(devices, () =>
      devices.length === 0
        ? ["No devices."]
        : devices.map(
            (d) =>
              `#${d.deviceId}  ${d.status.padEnd(9)}  ${d.kind.padEnd(11)}  ${d.ratedPowerW} W  ${d.location}  (operator ${d.operator})`,
          ),
    );
  });
}

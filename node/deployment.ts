// The deployment file: which chain and which addresses a node serves. Written by the embedded node on first start
// and by `drex deploy`; read by every node that points at that chain.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type Address, getAddress, isAddress } from "viem";
import type { DistributeAddresses } from "../sdk/distribute/deployDistribute.ts";
import type { DeployedEnergy, EnergyAddresses } from "../sdk/energy/deployEnergy.ts";
import type { DrexAddresses } from "../sdk/types.ts";

export type Deployment = {
  chainId: number;
  addresses: DrexAddresses;
  /** The measured-energy modules (MX1–MX9) and their pools; null for a deployment without them. */
  energy: DeployedEnergy | null;
  /** The Distribute Protocol (DS1–DS8); null for a deployment without it (files written before it parse as null). */
  distribute: DistributeAddresses | null;
  /** The block of the first deployment transaction: where the indexer starts. */
  fromBlock: bigint;
};

export class DeploymentFileError extends Error {
  override name = "DeploymentFileError";
}

export function readDeployment(path: string): Deployment {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new DeploymentFileError(`cannot read deployment file ${path}: ${(error as Error).message}`);
  }
  return parseDeployment(raw, path);
}

/** The deployment JSON (the file's format, also served at GET /api/v1/deployment) checked field by field. */
export function parseDeployment(raw: unknown, source: string): Deployment {
  const d = (raw ?? {}) as {
    chainId?: unknown;
    addresses?: Record<string, unknown>;
    energy?: Record<string, unknown> | null;
    distribute?: Record<string, unknown> | null;
    fromBlock?: unknown;
  };
  const address = (field: string, nullable = false, group = d.addresses, groupName = "addresses"): Address | null => {
    const value = group?.[field];
    if (nullable && (value === null || value === undefined)) return null;
    if (typeof value !== "string" || !isAddress(value, { strict: false })) {
      throw new DeploymentFileError(`${source}: ${groupName}.${field} must be an address`);
    }
    return getAddress(value);
  };
  if (typeof d.chainId !== "number" || !Number.isSafeInteger(d.chainId) || d.chainId <= 0) {
    throw new DeploymentFileError(`${source}: chainId must be a positive integer`);
  }
  if (typeof d.fromBlock !== "string" || !/^\d+$/.test(d.fromBlock)) {
    throw new DeploymentFileError(`${source}: fromBlock must be a decimal string`);
  }
  return {
    chainId: d.chainId,
    addresses: {
      token: address("token") as Address,
      marketplace: address("marketplace") as Address,
      generatorImplementation: address("generatorImplementation") as Address,
      sale: address("sale", true),
    },
    energy: d.energy === undefined || d.energy === null ? null : parseEnergy(d.energy, address),
    distribute:
      d.distribute === undefined || d.distribute === null
        ? null
        : (Object.fromEntries(
            DISTRIBUTE_FIELDS.map((field) => [field, address(field, false, d.distribute ?? {}, "distribute")]),
          ) as DistributeAddresses),
    fromBlock: BigInt(d.fromBlock),
  };
}

const DISTRIBUTE_FIELDS: readonly (keyof DistributeAddresses)[] = [
  "capitalToken",
  "reputation",
  "voting",
  "projects",
  "tasks",
];

type AddressField = (
  field: string,
  nullable: boolean,
  group: Record<string, unknown>,
  groupName: string,
) => Address | null;

/** The energy modules' addresses; `pools` is optional, since deployments made before the pools have none. */
function parseEnergy(energy: Record<string, unknown>, address: AddressField): DeployedEnergy {
  const parsed: DeployedEnergy = Object.fromEntries(
    ENERGY_FIELDS.map((field) => [field, address(field, false, energy, "energy")]),
  ) as EnergyAddresses;
  const pools = energy.pools;
  if (pools !== undefined && pools !== null) {
    const group = pools as Record<string, unknown>;
    parsed.pools = {
      rewardEnergy: address("rewardEnergy", false, group, "energy.pools") as Address,
      energySolar: address("energySolar", false, group, "energy.pools") as Address,
    };
  }
  return parsed;
}

const ENERGY_FIELDS: readonly (keyof EnergyAddresses)[] = [
  "membership",
  "dao",
  "moduleRegistry",
  "deviceRegistry",
  "readingCommitments",
  "energyPayments",
  "energyToken",
  "rewardToken",
  "storageNode",
  "poolFactory",
];

/** Writes atomically (temporary file, then rename), so a crash never leaves half a file. */
export function writeDeployment(path: string, deployment: Deployment): void {
  mkdirSync(dirname(path), { recursive: true });
  const text = `${JSON.stringify({ ...deployment, fromBlock: deployment.fromBlock.toString() }, null, 2)}\n`;
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

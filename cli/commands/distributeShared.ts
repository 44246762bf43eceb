// What the Distribute Protocol's commands share (DS1–DS8): the deployment's addresses, the chain's clock, projects
// looked up before anything is sent, and amounts of capital tokens and reputation for people.
import { type Address, formatUnits } from "viem";
import { getProject, type ProjectView } from "../../sdk/actions/distribute/getProject.ts";
import type { DistributeAddresses } from "../../sdk/distribute/deployDistribute.ts";
import { InvalidParameterError, toContractRevertError } from "../../sdk/errors.ts";
import { groupThousands } from "../../sdk/format.ts";
import type { ChainContext } from "../context.ts";
import { CliError, UsageError } from "../errors.ts";
import type { MomentSpec } from "../parse.ts";

/** The deployment's Distribute Protocol contracts; a deployment without them cannot serve these commands. */
export function distributeOf(context: ChainContext): DistributeAddresses {
  if (context.deployment.distribute === null) {
    throw new CliError("this deployment has no Distribute Protocol contracts (its deployment file lists none)");
  }
  return context.deployment.distribute;
}

/** The latest block's timestamp: deadlines are the chain's, whose clock may run ahead of this machine's. */
export async function chainNow(context: ChainContext): Promise<bigint> {
  return (await context.publicClient.getBlock()).timestamp;
}

/** An absolute moment or one relative to the chain's clock, as Unix seconds, checked to be in the future. */
export async function resolveMoment(context: ChainContext, moment: MomentSpec, field: string): Promise<bigint> {
  const now = await chainNow(context);
  if ("afterSeconds" in moment) return now + moment.afterSeconds;
  if (moment.atUnixSeconds <= now) {
    throw new UsageError(
      field,
      `${formatUnixTime(moment.atUnixSeconds)} is not after the chain's time, ${formatUnixTime(now)}`,
    );
  }
  return moment.atUnixSeconds;
}

/** A project id that names a project of this deployment; a usage error for `field` otherwise. */
export async function requireProject(
  context: ChainContext,
  projectId: bigint,
  field: string,
  staker?: Address,
): Promise<ProjectView> {
  try {
    return await getProject(context.publicClient, {
      distribute: distributeOf(context),
      projectId,
      ...(staker === undefined ? {} : { staker }),
    });
  } catch (error) {
    // The registry answers an id past its count with UnknownProject, the SDK an empty slot with its own error.
    const unknown =
      error instanceof InvalidParameterError || toContractRevertError(error)?.errorName === "UnknownProject";
    if (!unknown) throw error;
    throw new UsageError(field, `there is no project #${projectId}`);
  }
}

/** 18-decimal base units for people: 1234500000000000000000n → "1,234.5". */
export function formatAmount(baseUnits: bigint): string {
  const [whole = "0", fraction] = formatUnits(baseUnits, 18).split(".");
  return fraction === undefined ? groupThousands(whole) : `${groupThousands(whole)}.${fraction}`;
}

export const capital = (baseUnits: bigint) => `${formatAmount(baseUnits)} capital tokens`;
export const reputation = (baseUnits: bigint) => `${formatAmount(baseUnits)} reputation`;

/** Basis points as a percentage: 6000 → "60%", 3333 → "33.33%". */
export function formatBps(bps: number | bigint): string {
  const value = BigInt(bps);
  const hundredths = value % 100n;
  return `${value / 100n}${hundredths === 0n ? "" : `.${hundredths.toString().padStart(2, "0").replace(/0$/, "")}`}%`;
}

export function formatUnixTime(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toISOString().replace(".000Z", "Z");
}

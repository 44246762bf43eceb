// Registering a fleet on a development chain: the operator applies for every device in the DeviceRegistry, and the
// Technical DAO approves them all in one proposal (one call per device), its members vote, the chain's clock is moved
// past the vote, and the proposal is executed. Devices already registered are left as they are, so registering the
// same fleet again costs nothing.
import type { Address } from "viem";
import { getBlock, readContract } from "viem/actions";
import { DeviceRegistryAbi } from "../sdk/abi/DeviceRegistry.ts";
import { TechnicalDAOAbi } from "../sdk/abi/TechnicalDAO.ts";
import { castVote } from "../sdk/actions/dao/castVote.ts";
import { executeProposal } from "../sdk/actions/dao/executeProposal.ts";
import { type ProposalCalls, proposalIdOf, uniqueDescription } from "../sdk/actions/dao/proposalCalls.ts";
import { deviceDecisionCall } from "../sdk/actions/dao/proposeDeviceDecision.ts";
import { applyDevice } from "../sdk/actions/operator/applyDevice.ts";
import type { DeployEnergyParameters } from "../sdk/energy/deployEnergy.ts";
import { simulateAndWrite } from "../sdk/internal/writeContract.ts";
import type { DrexWalletClient } from "../sdk/types.ts";
import type { FleetDevice } from "./fleet.ts";

/** IDeviceRegistry.DeviceStatus values the registration looks at. */
const APPLIED = 1;
const ACTIVE = 2;

/** What registering needs of a device: a simulated fleet's devices have it, and so may any other. */
export type RegistrableDevice = Pick<FleetDevice, "index" | "kind" | "ratedPowerW" | "maxLossBps" | "location"> & {
  account: { address: Address };
};

export type RegisterFleetParameters = {
  deviceRegistry: Address;
  dao: Address;
  devices: readonly RegistrableDevice[];
  /** Applies for the devices and operates them. */
  operator: DrexWalletClient;
  /** DAO members: the first proposes, all vote for; together they must make the quorum. */
  members: readonly DrexWalletClient[];
  /** Moves the chain's clock forward (the development chain's clock): past the voting delay, then the vote. */
  increaseTime(seconds: bigint): Promise<unknown>;
  /** Says what is happening, for progress lines. */
  onStep?(text: string): void;
};

export type RegisterFleetReturnType = {
  /** The devices' ids, in fleet order. */
  deviceIds: bigint[];
  /** Devices applied for now. */
  applied: number;
  /** Devices approved now. */
  approved: number;
  /** The approving proposal; null when every device was active already. */
  proposalId: bigint | null;
};

export async function registerFleet(params: RegisterFleetParameters): Promise<RegisterFleetReturnType> {
  const [proposer] = params.members;
  if (!proposer) throw new Error("registering a fleet needs at least one DAO member");
  const registry = { address: params.deviceRegistry, abi: DeviceRegistryAbi } as const;
  const deviceIds: bigint[] = [];
  let applied = 0;
  for (const device of params.devices) {
    let id = await readContract(params.operator, {
      ...registry,
      functionName: "deviceIdOf",
      args: [device.account.address],
    });
    if (id === 0n) {
      params.onStep?.(`applying for device ${device.index + 1} (${device.kind}, ${device.ratedPowerW} W)`);
      ({ deviceId: id } = await applyDevice(params.operator, {
        deviceRegistry: params.deviceRegistry,
        key: device.account.address,
        kind: device.kind,
        ratedPowerW: device.ratedPowerW,
        maxLossBps: device.maxLossBps,
        location: device.location,
        poolData: "pool=drex-simulator",
        hardwareStatus: "ok",
      }));
      applied += 1;
    }
    deviceIds.push(id);
  }
  const statuses = await Promise.all(
    deviceIds.map((id) => readContract(params.operator, { ...registry, functionName: "statusOf", args: [id] })),
  );
  const toApprove = deviceIds.filter((_, i) => statuses[i] === APPLIED);
  const stuck = deviceIds.filter((_, i) => statuses[i] !== APPLIED && statuses[i] !== ACTIVE);
  if (stuck.length > 0) {
    throw new Error(`devices ${stuck.join(", ")} are suspended, revoked or rejected: use another seed or other keys`);
  }
  if (toApprove.length === 0) return { deviceIds, applied, approved: 0, proposalId: null };

  const built = toApprove.map((deviceId) =>
    deviceDecisionCall({ deviceRegistry: params.deviceRegistry, deviceId, decision: "approve" }),
  );
  const partial = {
    targets: built.map((c) => c.target),
    values: built.map(() => 0n),
    calldatas: built.map((c) => c.calldata),
  };
  const description = await uniqueDescription(
    params.operator,
    params.dao,
    partial,
    `Approve ${toApprove.length} simulated device${toApprove.length === 1 ? "" : "s"}: ${toApprove.join(", ")}`,
  );
  const calls: ProposalCalls = { ...partial, description };
  // The Governor counts the proposer's votes one second before the proposal's block; on a chain whose blocks may
  // share a timestamp, a membership granted in the last second does not count yet, so the clock moves on first.
  const { timestamp: latest } = await getBlock(proposer, { blockTag: "latest" });
  const votes = await readContract(proposer, {
    address: params.dao,
    abi: TechnicalDAOAbi,
    functionName: "getVotes",
    args: [proposer.account.address, latest - 1n],
  });
  if (votes === 0n) await params.increaseTime(1n);
  params.onStep?.(`proposing to the DAO: ${description}`);
  await simulateAndWrite(proposer, {
    address: params.dao,
    abi: TechnicalDAOAbi,
    functionName: "propose",
    args: [[...calls.targets], [...calls.values], [...calls.calldatas], description],
  });
  const proposalId = proposalIdOf(calls);
  await passProposal({
    dao: params.dao,
    proposalId,
    calls,
    members: params.members,
    increaseTime: params.increaseTime,
    ...(params.onStep ? { onStep: params.onStep } : {}),
  });
  return { deviceIds, applied, approved: toApprove.length, proposalId };
}

export type PassProposalParameters = {
  dao: Address;
  proposalId: bigint;
  calls: ProposalCalls;
  /** Every member votes for; the first executes. */
  members: readonly DrexWalletClient[];
  increaseTime(seconds: bigint): Promise<unknown>;
  onStep?(text: string): void;
};

/**
 * Carries a proposal on a development chain: the clock moved past its snapshot, every member's vote for, the clock
 * moved past its deadline, and the execution.
 */
export async function passProposal(params: PassProposalParameters): Promise<void> {
  const [executor] = params.members;
  if (!executor) throw new Error("passing a proposal needs at least one DAO member");
  const dao = { address: params.dao, abi: TechnicalDAOAbi } as const;
  const [snapshot, deadline] = await Promise.all([
    readContract(executor, { ...dao, functionName: "proposalSnapshot", args: [params.proposalId] }),
    readContract(executor, { ...dao, functionName: "proposalDeadline", args: [params.proposalId] }),
  ]);
  // Voting opens once the chain's time is past the snapshot, and the result stands once it is past the deadline.
  await moveClockPast(executor, params.increaseTime, snapshot);
  params.onStep?.(`${params.members.length} members vote for`);
  for (const member of params.members) {
    await castVote(member, { dao: params.dao, proposalId: params.proposalId, support: "for" });
  }
  await moveClockPast(executor, params.increaseTime, deadline);
  params.onStep?.("executing the proposal");
  await executeProposal(executor, { dao: params.dao, proposalId: params.proposalId, calls: params.calls });
}

async function moveClockPast(
  client: DrexWalletClient,
  increaseTime: (seconds: bigint) => Promise<unknown>,
  t: bigint,
): Promise<void> {
  const { timestamp: latest } = await getBlock(client, { blockTag: "latest" });
  if (latest <= t) await increaseTime(t - latest + 1n);
}

export type ApproveGeneratorDeviceParameters = Omit<RegisterFleetParameters, "devices"> & {
  /** The key the device signs with. */
  key: Address;
  /** Default 5,000 W. */
  ratedPowerW?: bigint;
  /** Default "Kisumu, Kenya". */
  location?: string;
};

/**
 * One Generator device `operator` applies for and the DAO approves, as a D-REX generator's device must be (DX8, MX1);
 * its id. A device already active is left as it is.
 */
export async function approveGeneratorDevice(params: ApproveGeneratorDeviceParameters): Promise<bigint> {
  const { key, ratedPowerW, location, ...rest } = params;
  const { deviceIds } = await registerFleet({
    ...rest,
    devices: [
      {
        index: 0,
        kind: "generator",
        account: { address: key },
        ratedPowerW: ratedPowerW ?? 5_000n,
        maxLossBps: 500,
        location: location ?? "Kisumu, Kenya",
      },
    ],
  });
  return deviceIds[0] as bigint;
}

/**
 * The measured-energy modules' settings for a development chain where `member` alone is the Technical DAO and a vote
 * lasts a minute: what benchmarks and tests deploy when they need only a device registry and its DAO.
 */
export function soleMemberEnergyParameters(member: Address): DeployEnergyParameters {
  return {
    members: [member],
    votingDelaySeconds: 0,
    votingPeriodSeconds: 60,
    quorumPercent: 50n,
    committer: member,
    reward: { rewardWeiPerWh: 1n, poolRecipient: member, poolBps: 0, vaultBps: 0 },
  };
}

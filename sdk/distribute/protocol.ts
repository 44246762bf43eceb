// The Distribute Protocol's enums as string unions (in the contracts' order: the index is the on-chain value) and the
// hashes its contracts expect, computed as they compute them.
import { type Address, encodeAbiParameters, type Hex, isHex, keccak256, stringToHex } from "viem";

/** IDistributeProjects.ProjectState. */
export const PROJECT_STATES = ["None", "Proposed", "Staked", "Active", "Complete", "Failed", "Expired"] as const;
export type ProjectStateName = (typeof PROJECT_STATES)[number];

/** IDistributeTasks.TaskStatus. */
export const TASK_STATUSES = ["Open", "Claimed", "Validating", "Voting", "Validated", "Failed"] as const;
export type TaskStatusName = (typeof TASK_STATUSES)[number];

/** IDistributeVoting.LockStatus. */
export const LOCK_STATUSES = ["None", "Committed", "Revealed", "Released"] as const;
export type LockStatusName = (typeof LOCK_STATUSES)[number];

export function projectStateName(value: number | bigint): ProjectStateName {
  const name = PROJECT_STATES[Number(value)];
  if (name === undefined) throw new Error(`unknown project state ${value}`);
  return name;
}

export function taskStatusName(value: number | bigint): TaskStatusName {
  const name = TASK_STATUSES[Number(value)];
  if (name === undefined) throw new Error(`unknown task status ${value}`);
  return name;
}

export function lockStatusName(value: number | bigint): LockStatusName {
  const name = LOCK_STATUSES[Number(value)];
  if (name === undefined) throw new Error(`unknown lock status ${value}`);
  return name;
}

/** Basis points in one whole: a task list's weightings sum to this. */
export const WEIGHTING_BPS_TOTAL = 10_000;

/**
 * The bytes32 a contract keeps for a text (an identity such as a DID, a task's description, evidence of the work):
 * the text's keccak256, or the text itself when it already is a 32-byte hash.
 */
export function textHash(text: string): Hex {
  return isHex(text, { strict: true }) && text.length === 66
    ? (text.toLowerCase() as Hex)
    : keccak256(stringToHex(text));
}

/** `DistributeVoting.voteSecret`: `keccak256(abi.encode(pollId, voter, approve, salt))`. */
export function voteSecret(pollId: bigint, voter: Address, approve: boolean, salt: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "bool" }, { type: "bytes32" }],
      [pollId, voter, approve, salt],
    ),
  );
}

/** A fresh random 32-byte salt for a vote. */
export function randomSalt(): Hex {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `0x${Buffer.from(bytes).toString("hex")}`;
}

// The local file that keeps each committed vote's salt and choice until it is revealed (DS7): without them a
// commitment can never be revealed, so the file is written before the commitment is sent, readable by its owner only
// (0600), replaced whole through a rename so a crash never leaves half a file, and never overwritten when it cannot be
// read. Entries are keyed by chain id, voting contract, voter and poll, so one file serves every chain and account.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { Address, Hex } from "viem";
import { CliError } from "../errors.ts";

export const DEFAULT_SALT_FILE_LABEL = "~/.drex/votes.json";

export function defaultSaltFile(): string {
  return join(homedir(), ".drex", "votes.json");
}

export type SavedVote = {
  chainId: number;
  voting: Address;
  voter: Address;
  pollId: bigint;
  approve: boolean;
  salt: Hex;
  tokens: bigint;
  reputation: bigint;
  /** ISO time the commitment was prepared; the transaction's hash once mined (null before). */
  savedAt: string;
  transaction: Hex | null;
};

type StoredVote = Omit<SavedVote, "pollId" | "tokens" | "reputation"> & {
  pollId: string;
  tokens: string;
  reputation: string;
};

type StoredFile = { version: 1; votes: Record<string, StoredVote> };

export type VoteScope = { chainId: number; voting: Address; voter: Address };

function scopePrefix(scope: VoteScope): string {
  return `${scope.chainId}:${scope.voting.toLowerCase()}:${scope.voter.toLowerCase()}:`;
}

export function voteKey(scope: VoteScope, pollId: bigint): string {
  return `${scopePrefix(scope)}${pollId}`;
}

function readStored(path: string): StoredFile {
  if (!existsSync(path)) return { version: 1, votes: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CliError(`cannot read the vote file ${path} (${(error as Error).message}); it is left as it is`);
  }
  const file = parsed as Partial<StoredFile> | null;
  if (file?.version !== 1 || typeof file.votes !== "object" || file.votes === null) {
    throw new CliError(`${path} is not a vote file of this tool; it is left as it is`);
  }
  return file as StoredFile;
}

function writeStored(path: string, file: StoredFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  // A file that existed before keeps the mode it had; the salts in it are secrets until revealed.
  chmodSync(path, 0o600);
}

function fromStored(stored: StoredVote): SavedVote {
  return {
    ...stored,
    pollId: BigInt(stored.pollId),
    tokens: BigInt(stored.tokens),
    reputation: BigInt(stored.reputation),
  };
}

function toStored(vote: SavedVote): StoredVote {
  return {
    ...vote,
    pollId: vote.pollId.toString(),
    tokens: vote.tokens.toString(),
    reputation: vote.reputation.toString(),
  };
}

/** The votes saved for this chain, voting contract and voter, by poll, rising. */
export function savedVotes(path: string, scope: VoteScope): SavedVote[] {
  const prefix = scopePrefix(scope);
  return Object.entries(readStored(path).votes)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, stored]) => fromStored(stored))
    .sort((a, b) => (a.pollId < b.pollId ? -1 : a.pollId > b.pollId ? 1 : 0));
}

/**
 * Saves `votes`, replacing any saved for the same polls; returns what they replaced, for `restoreVotes` should the
 * commitment fail.
 */
export function saveVotes(path: string, votes: readonly SavedVote[]): Map<string, StoredVote | undefined> {
  const file = readStored(path);
  const replaced = new Map<string, StoredVote | undefined>();
  for (const vote of votes) {
    const key = voteKey(vote, vote.pollId);
    replaced.set(key, file.votes[key]);
    file.votes[key] = toStored(vote);
  }
  writeStored(path, file);
  return replaced;
}

/** Puts back what `saveVotes` replaced (removing what it added). */
export function restoreVotes(path: string, replaced: Map<string, StoredVote | undefined>): void {
  const file = readStored(path);
  for (const [key, previous] of replaced) {
    if (previous === undefined) delete file.votes[key];
    else file.votes[key] = previous;
  }
  writeStored(path, file);
}

/** Records the commitment's transaction on saved votes. */
export function markCommitted(path: string, scope: VoteScope, pollIds: readonly bigint[], transaction: Hex): void {
  const file = readStored(path);
  for (const pollId of pollIds) {
    const stored = file.votes[voteKey(scope, pollId)];
    if (stored) stored.transaction = transaction;
  }
  writeStored(path, file);
}

/** Forgets revealed (or otherwise settled) votes. */
export function removeVotes(path: string, scope: VoteScope, pollIds: readonly bigint[]): void {
  if (pollIds.length === 0) return;
  const file = readStored(path);
  for (const pollId of pollIds) delete file.votes[voteKey(scope, pollId)];
  writeStored(path, file);
}

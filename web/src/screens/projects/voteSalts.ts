// The salt of a committed vote, kept in this browser per account and poll: the reveal needs the same salt, and
// nobody (not even the node) can recover it. Losing it means the vote cannot be revealed.

export type StoredVote = { salt: `0x${string}`; approve: boolean; committedAt: string };

const PREFIX = "drex.voteSalt";

function keyOf(account: string, pollId: bigint): string {
  return `${PREFIX}:${account.toLowerCase()}:${pollId}`;
}

/** 32 random bytes from the browser's cryptographic generator, as 0x-prefixed hex. */
export function newSalt(): `0x${string}` {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export function saveVote(account: string, pollId: bigint, vote: StoredVote): boolean {
  try {
    window.localStorage.setItem(keyOf(account, pollId), JSON.stringify(vote));
    return true;
  } catch {
    return false;
  }
}

export function loadVote(account: string, pollId: bigint): StoredVote | null {
  try {
    const text = window.localStorage.getItem(keyOf(account, pollId));
    if (text === null) return null;
    const v = JSON.parse(text) as Partial<StoredVote>;
    if (typeof v.salt !== "string" || !/^0x[0-9a-f]{64}$/i.test(v.salt) || typeof v.approve !== "boolean") return null;
    return { salt: v.salt as `0x${string}`, approve: v.approve, committedAt: String(v.committedAt ?? "") };
  } catch {
    return null;
  }
}

export function forgetVote(account: string, pollId: bigint): void {
  try {
    window.localStorage.removeItem(keyOf(account, pollId));
  } catch {
    // Nothing to forget where storage is refused.
  }
}

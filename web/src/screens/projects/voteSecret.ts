// The commitment of a vote, computed in the browser so the choice never leaves it before the reveal: exactly
// DistributeVoting.voteSecret, keccak256(abi.encode(pollId, voter, approve, salt)). viem loads only when a vote is
// committed.

export async function voteSecret(pollId: bigint, voter: string, approve: boolean, salt: `0x${string}`) {
  const { encodeAbiParameters, keccak256 } = await import("viem");
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "bool" }, { type: "bytes32" }],
      [pollId, voter as `0x${string}`, approve, salt],
    ),
  );
}

// The Merkle tree the readings' roots are built with: OpenZeppelin's StandardMerkleTree layout (leaves sorted, laid
// out at the end of one array, each inner node the keccak256 of its two children sorted), so that every proof
// verifies with OpenZeppelin's MerkleProof and ReadingCommitments.verifyReading.
import { concat, type Hex, keccak256 } from "viem";

const compareHex = (a: Hex, b: Hex): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/** The keccak256 of two nodes, the smaller first (OpenZeppelin's `Hashes.commutativeKeccak256`). */
export const hashPair = (a: Hex, b: Hex): Hex => keccak256(BigInt(a) < BigInt(b) ? concat([a, b]) : concat([b, a]));

export type MerkleTree = {
  root: Hex;
  /** The proof of a leaf, from the leaf's sibling up; throws for a value that is not a leaf. */
  proof: (leaf: Hex) => Hex[];
};

/**
 * The tree StandardMerkleTree builds: leaves sorted, laid out at the end of one array, each inner node the sorted-pair
 * hash of its two children. Leaves must be distinct. Returns the root and a function giving the proof of a leaf.
 */
export function merkleTree(leaves: readonly Hex[]): MerkleTree {
  if (leaves.length === 0) throw new Error("a Merkle tree needs at least one leaf");
  const sorted = [...leaves].sort(compareHex);
  const tree: Hex[] = new Array(2 * sorted.length - 1);
  for (const [i, leaf] of sorted.entries()) tree[tree.length - 1 - i] = leaf;
  for (let i = tree.length - 1 - sorted.length; i >= 0; i--) {
    tree[i] = hashPair(tree[2 * i + 1] as Hex, tree[2 * i + 2] as Hex);
  }
  const position = new Map(sorted.map((leaf, i) => [leaf.toLowerCase(), tree.length - 1 - i]));
  return {
    root: tree[0] as Hex,
    proof: (leaf) => {
      let j = position.get(leaf.toLowerCase());
      if (j === undefined) throw new Error(`${leaf} is not a leaf of this tree`);
      const proof: Hex[] = [];
      while (j > 0) {
        proof.push(tree[j % 2 === 1 ? j + 1 : j - 1] as Hex);
        j = Math.floor((j - 1) / 2);
      }
      return proof;
    },
  };
}

/** Whether `proof` leads from `leaf` to `root` (OpenZeppelin's `MerkleProof.verify`). */
export function verifyMerkleProof(root: Hex, leaf: Hex, proof: readonly Hex[]): boolean {
  let node = leaf;
  for (const sibling of proof) node = hashPair(node, sibling);
  return node.toLowerCase() === root.toLowerCase();
}

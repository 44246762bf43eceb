// `drex verify-reading` (MX2): anyone can check that a device's reading is one the node committed, trusting neither
// the node nor the file: the leaf is recomputed here from the reading's own fields, the Merkle proof is walked here,
// and the chain is asked whether the root is the one committed for that period and whether ReadingCommitments accepts
// the reading with its proof. Exit 0 when every check holds, 1 naming the checks that failed.
import { readFileSync } from "node:fs";
import { type Command, InvalidArgumentError, Option } from "commander";
import { type Address, getAddress, type Hex, isAddress, isHex, type PublicClient } from "viem";
import { readContract } from "viem/actions";
import { ReadingFieldError, readingFromJson } from "../../node/meter/readingJson.ts";
import { ReadingCommitmentsAbi } from "../../sdk/abi/ReadingCommitments.ts";
import { verifyMerkleProof } from "../../sdk/energy/merkle.ts";
import { type Reading, readingLeaf } from "../../sdk/energy/readings.ts";
import { connectChain, DEFAULT_RPC_URL } from "../chain.ts";
import { loadDeployment } from "../deploymentSource.ts";
import { CliError, networkReason, UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { createOutput, table } from "../output.ts";
import { parseAddress, parseHttpUrl } from "../parse.ts";

const DEFAULT_NODE_URL = "http://127.0.0.1:8080";
/** The node numbers its commit periods by the hour the reading's interval starts in. */
const SECONDS_PER_PERIOD = 3_600n;
const UINT64_MAX = (1n << 64n) - 1n;

type VerifyReadingFlags = {
  node: string;
  device?: Address;
  sequence?: bigint;
  file?: string;
  rpcUrl: string;
  contract?: Address;
  json?: boolean;
};

/** A reading with what proves it: as GET /api/v1/readings/{device}/{sequence} serves it, and as a file holds it. */
export type ReadingWithProof = {
  reading: Reading;
  periodId: bigint;
  root: Hex;
  proof: Hex[];
  /** The leaf the source states; recomputed here regardless. */
  leaf: Hex | null;
  /** The device's own signature of the reading; null when it came in a batch. */
  signature: Hex | null;
};

export type CheckName = "leaf" | "period" | "proof" | "root" | "onChain" | "signature";
export type Check = { name: CheckName; ok: boolean; detail: string };

export function registerVerifyReadingCommand(program: Command): void {
  const command = program
    .command("verify-reading")
    .description(
      "Check a device's reading against the chain: its leaf recomputed from its fields, its Merkle proof, the root " +
        "committed for its period, and ReadingCommitments.verifyReading. Exit 0 valid, 1 invalid.",
    )
    .option("--node <url>", "the node that serves the reading and the deployment", parseHttpUrl, DEFAULT_NODE_URL)
    .option("--device <address>", "the device key that signed the reading", parseAddress)
    .option("--sequence <n>", "the reading's sequence number", parseSequence)
    .option("--file <path>", "take the reading and its proof from this JSON file instead of the node")
    .addOption(
      new Option("--rpc-url <url>", "JSON-RPC endpoint of the chain")
        .env("DREX_RPC_URL")
        .default(DEFAULT_RPC_URL)
        .argParser(parseHttpUrl),
    )
    .option("--contract <address>", "the ReadingCommitments contract (else the node's deployment)", parseAddress)
    .option("--json", "print the verdict and every check as JSON");
  withExamples(command, [
    "drex verify-reading --device 0x… --sequence 42",
    "drex verify-reading --file reading.json --contract 0x… --rpc-url http://127.0.0.1:8545 --json",
  ]).action(async (flags: VerifyReadingFlags) => {
    const output = createOutput(flags.json === true);
    const source = await loadReadingWithProof(flags);
    const { contract, chainId } = await contractOf(flags);
    const connection = await connectChain(flags.rpcUrl, output);
    if (chainId !== null && chainId !== connection.chain.id) {
      throw new CliError(
        `the node's deployment is for chain ${chainId}, but ${flags.rpcUrl} is chain ${connection.chain.id}: check --rpc-url`,
      );
    }
    const checks = offChainChecks(source);
    checks.push(...(await onChainChecks(source, contract, connection.publicClient)));
    const failed = checks.filter((c) => !c.ok);
    const valid = failed.length === 0;
    const { reading } = source;
    output.result(
      {
        valid,
        failed: failed.map((c) => c.name),
        reason: failed[0]?.detail ?? null,
        device: reading.device,
        sequence: reading.sequence,
        periodId: source.periodId,
        root: source.root,
        leaf: readingLeaf(reading),
        contract,
        checks,
      },
      () => [
        `Reading ${reading.sequence} of device ${reading.device}, commit period ${source.periodId}: ${
          valid ? "VALID" : `INVALID (${failed.map((c) => c.name).join(", ")})`
        }`,
        ...(valid ? [] : [`  ${failed[0]?.detail}`]),
        ...table(checks.map((c) => [c.name, `${c.ok ? "ok  " : "FAIL"}  ${c.detail}`])),
      ],
    );
    if (!valid) process.exitCode = 1;
  });
}

function parseSequence(text: string): bigint {
  const trimmed = text.trim();
  if (!/^\d{1,20}$/.test(trimmed) || BigInt(trimmed) > UINT64_MAX) {
    throw new InvalidArgumentError("A sequence is a whole number from 0 to 2^64 - 1.");
  }
  return BigInt(trimmed);
}

async function loadReadingWithProof(flags: VerifyReadingFlags): Promise<ReadingWithProof> {
  const byId = flags.device !== undefined || flags.sequence !== undefined;
  if (flags.file !== undefined) {
    if (byId) throw new UsageError("--file", "give --file, or --device and --sequence, not both");
    let text: string;
    try {
      text = readFileSync(flags.file, "utf8");
    } catch (error) {
      throw new UsageError("--file", `cannot read ${flags.file}: ${(error as Error).message}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new UsageError("--file", `${flags.file} is not JSON`);
    }
    return parseReadingWithProof(body, (field, reason) => new UsageError("--file", `${field} ${reason}`));
  }
  if (flags.device === undefined || flags.sequence === undefined) {
    throw new UsageError("--device", "give --device and --sequence (or --file)");
  }
  const url = `${flags.node}/api/v1/readings/${flags.device}/${flags.sequence}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new CliError(`cannot reach the D-REX node at ${flags.node} (${networkReason(error)}): pass --node URL`);
  }
  if (response.status === 404) {
    throw new CliError(
      `the node at ${flags.node} has no committed reading ${flags.sequence} of device ${flags.device}: unknown, or its period is not committed yet`,
    );
  }
  if (!response.ok) throw new CliError(`${url} answered HTTP ${response.status}`);
  const body: unknown = await response.json().catch(() => null);
  return parseReadingWithProof(body, (field, reason) => new CliError(`${url} answered ${field} that ${reason}`));
}

/** The proof endpoint's JSON (every number a decimal string) as a reading with its proof. */
export function parseReadingWithProof(body: unknown, fail: (field: string, reason: string) => Error): ReadingWithProof {
  if (typeof body !== "object" || body === null) throw fail("the document", "must be an object");
  const o = body as Record<string, unknown>;
  const raw = o.reading as Record<string, unknown> | undefined;
  if (typeof raw !== "object" || raw === null) throw fail("reading", "must be an object");
  if (typeof raw.device !== "string" || !isAddress(raw.device, { strict: false })) {
    throw fail("reading.device", "must be an address");
  }
  let reading: Reading;
  try {
    reading = readingFromJson(getAddress(raw.device), raw, "reading");
  } catch (error) {
    if (error instanceof ReadingFieldError) throw fail(error.field, error.reason);
    throw error;
  }
  const word = (value: unknown) => typeof value === "string" && isHex(value, { strict: true }) && value.length === 66;
  if (typeof o.periodId !== "string" || !/^\d{1,20}$/.test(o.periodId) || BigInt(o.periodId) > UINT64_MAX) {
    throw fail("periodId", "must be a uint64 as a decimal string");
  }
  if (!word(o.root)) throw fail("root", "must be 32 bytes of 0x-prefixed hex");
  if (!Array.isArray(o.proof) || !o.proof.every(word)) throw fail("proof", "must be a list of 32-byte hex words");
  if (o.leaf !== undefined && o.leaf !== null && !word(o.leaf)) throw fail("leaf", "must be 32 bytes of hex");
  const signature = o.signature ?? null;
  if (signature !== null && !(typeof signature === "string" && /^0x[0-9a-fA-F]{130}$/.test(signature))) {
    throw fail("signature", "must be 65 bytes of 0x-prefixed hex, or null");
  }
  return {
    reading,
    periodId: BigInt(o.periodId),
    root: o.root as Hex,
    proof: o.proof as Hex[],
    leaf: (o.leaf ?? null) as Hex | null,
    signature: signature as Hex | null,
  };
}

async function contractOf(flags: VerifyReadingFlags): Promise<{ contract: Address; chainId: number | null }> {
  if (flags.contract !== undefined) return { contract: flags.contract, chainId: null };
  const deployment = await loadDeployment({ node: flags.node });
  if (!deployment.energy) {
    throw new CliError(`the node at ${flags.node} has no energy modules deployed: pass --contract ADDRESS`);
  }
  return { contract: deployment.energy.readingCommitments, chainId: deployment.chainId };
}

/** What needs no chain: the leaf from the reading's fields, the period it falls in, and the proof up to the root. */
export function offChainChecks(source: ReadingWithProof): Check[] {
  const leaf = readingLeaf(source.reading);
  const checks: Check[] = [];
  if (source.leaf !== null) {
    const same = source.leaf.toLowerCase() === leaf.toLowerCase();
    checks.push({
      name: "leaf",
      ok: same,
      detail: same
        ? `the reading's fields hash to its leaf ${leaf}`
        : `the reading's fields hash to ${leaf}, not to the stated leaf ${source.leaf}: the reading was altered`,
    });
  }
  const hour = source.reading.periodStart / SECONDS_PER_PERIOD;
  checks.push({
    name: "period",
    ok: hour === source.periodId,
    detail:
      hour === source.periodId
        ? `the interval starts in commit period ${hour}`
        : `the interval starts in commit period ${hour}, not in ${source.periodId}`,
  });
  const proved = verifyMerkleProof(source.root, leaf, source.proof);
  checks.push({
    name: "proof",
    ok: proved,
    detail: proved
      ? `the Merkle proof (${source.proof.length} hashes) leads from the leaf to the root ${source.root}`
      : `the Merkle proof does not lead from the leaf ${leaf} to the root ${source.root}`,
  });
  return checks;
}

/** What the chain says: the period's committed root, verifyReading, and the device's signature when there is one. */
async function onChainChecks(source: ReadingWithProof, contract: Address, client: PublicClient): Promise<Check[]> {
  const call = { address: contract, abi: ReadingCommitmentsAbi } as const;
  const committed = await readContract(client, { ...call, functionName: "rootOf", args: [source.periodId] });
  const checks: Check[] = [];
  const none = BigInt(committed) === 0n;
  const same = committed.toLowerCase() === source.root.toLowerCase();
  checks.push({
    name: "root",
    ok: same,
    detail: none
      ? `commit period ${source.periodId} has no root on-chain`
      : same
        ? `${contract} holds this root for commit period ${source.periodId}`
        : `${contract} holds the root ${committed} for commit period ${source.periodId}, not ${source.root}`,
  });
  if (none) {
    checks.push({ name: "onChain", ok: false, detail: "not asked: the period has no root for verifyReading" });
  } else {
    const accepted = await readContract(client, {
      ...call,
      functionName: "verifyReading",
      args: [source.periodId, source.reading, source.proof],
    });
    checks.push({
      name: "onChain",
      ok: accepted,
      detail: `ReadingCommitments.verifyReading returned ${accepted}`,
    });
  }
  if (source.signature !== null) {
    const signed = await readContract(client, {
      ...call,
      functionName: "isSignedByDevice",
      args: [source.reading, source.signature],
    });
    checks.push({
      name: "signature",
      ok: signed,
      detail: signed
        ? `the signature is the device key ${source.reading.device}'s`
        : `the signature is not the device key ${source.reading.device}'s signature of this reading`,
    });
  }
  return checks;
}

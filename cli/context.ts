// What a chain command needs before it can act: its output, a connection to the chain, the deployment's addresses
// (checked against the chain's id) and, for writes, the signer. Also the flags that give them, shared by every
// chain command so each command's --help lists them.
import { type Command, Option } from "commander";
import type { Address, LocalAccount } from "viem";
import type { Deployment } from "../node/deployment.ts";
import type { DrexWalletClient, WriteResult } from "../sdk/types.ts";
import { type ChainConnection, connectChain, DEFAULT_RPC_URL, walletClientFor } from "./chain.ts";
import { DEFAULT_DEPLOYMENT_FILE, loadDeployment } from "./deploymentSource.ts";
import { CliError, UsageError } from "./errors.ts";
import { hasSigner, loadSigner } from "./keys.ts";
import { createOutput, type Output } from "./output.ts";
import { parseHttpUrl } from "./parse.ts";

export type ChainFlags = {
  rpcUrl: string;
  deployment: string;
  node?: string | undefined;
  keystore?: string | undefined;
  json?: boolean | undefined;
};

export type ChainContext = ChainConnection & { output: Output; deployment: Deployment };
export type SigningContext = ChainContext & {
  wallet: DrexWalletClient;
  account: Address;
  /** The key itself, for what it signs off-chain (a device's usage readings). */
  signer: LocalAccount;
};

const COMMON = "Connection and output:";

/** Adds --rpc-url, --deployment, --node, --keystore and --json. */
export function withChainFlags(command: Command): Command {
  return command
    .addOption(
      new Option("--rpc-url <url>", "JSON-RPC endpoint of the chain")
        .env("DREX_RPC_URL")
        .default(DEFAULT_RPC_URL)
        .argParser(parseHttpUrl)
        .helpGroup(COMMON),
    )
    .addOption(
      new Option("--deployment <file>", "deployment file with the contracts' addresses")
        .default(DEFAULT_DEPLOYMENT_FILE)
        .helpGroup(COMMON),
    )
    .addOption(
      new Option("--node <url>", "take the addresses from a running node's /api/v1/deployment instead")
        .argParser(parseHttpUrl)
        .conflicts("deployment")
        .helpGroup(COMMON),
    )
    .addOption(
      new Option("--keystore <file>", "sign with this encrypted key file (else DREX_PRIVATE_KEY)").helpGroup(COMMON),
    )
    .addOption(new Option("--json", "print the result as JSON (amounts as decimal strings of wei)").helpGroup(COMMON));
}

export async function openChainContext(flags: ChainFlags): Promise<ChainContext> {
  const output = createOutput(flags.json === true);
  // The deployment first: a missing file is the likelier mistake and needs no network to report.
  const deployment = await loadDeployment({ deployment: flags.deployment, node: flags.node });
  const connection = await connectChain(flags.rpcUrl, output);
  if (deployment.chainId !== connection.chain.id) {
    throw new CliError(
      `the deployment is for chain ${deployment.chainId}, but ${flags.rpcUrl} is chain ${connection.chain.id}: check --rpc-url and --deployment`,
    );
  }
  return { ...connection, output, deployment };
}

/** A context that can sign. The key is loaded before the chain is touched, so a missing key costs nothing. */
export async function openSigningContext(flags: ChainFlags): Promise<SigningContext> {
  const account = await loadSigner({ keystore: flags.keystore });
  const context = await openChainContext(flags);
  return { ...context, wallet: walletClientFor(context, account), account: account.address, signer: account };
}

/** The account a read is about: the one given, else the signer's own; a usage error when there is neither. */
export async function accountOrSigner(given: Address | undefined, flags: ChainFlags, field: string): Promise<Address> {
  if (given !== undefined) return given;
  if (!hasSigner({ keystore: flags.keystore })) {
    throw new UsageError(field, "give an address, or set DREX_PRIVATE_KEY or --keystore to use your own");
  }
  return (await loadSigner({ keystore: flags.keystore })).address;
}

/** The fields of a mined transaction worth printing. */
export function txFields(result: WriteResult): { hash: string; blockNumber: bigint; gasUsed: bigint } {
  return { hash: result.hash, blockNumber: result.blockNumber, gasUsed: result.gasUsed };
}

export function txLine(result: WriteResult): string {
  return `  transaction ${result.hash} (block ${result.blockNumber}, ${result.gasUsed.toLocaleString("en-US")} gas)`;
}

// `drex deploy`: the contracts onto any chain, and the deployment file every node and command reads them from.
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import { type Address, getAddress } from "viem";
import { writeDeployment } from "../../node/deployment.ts";
import { type DeployDrexParameters, deployDrex } from "../../sdk/deploy/deployDrex.ts";
import { formatSolar } from "../../sdk/format.ts";
import { connectChain, DEFAULT_RPC_URL, walletClientFor } from "../chain.ts";
import { DEFAULT_DEPLOYMENT_FILE } from "../deploymentSource.ts";
import { UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { loadSigner } from "../keys.ts";
import { createOutput, table } from "../output.ts";
import {
  parseAddress,
  parseDaysAsSeconds,
  parseHttpUrl,
  parsePositiveSolar,
  parsePositiveWei,
  parsePositiveWhole,
} from "../parse.ts";

type DeployFlags = {
  rpcUrl: string;
  out: string;
  force?: boolean;
  keystore?: string;
  json?: boolean;
  cap?: bigint;
  tokenOwner?: Address;
  salePriceWeiPerToken?: bigint;
  saleTranche?: bigint;
  /** Seconds: the flag takes days. */
  saleDays?: bigint;
  saleTreasury?: Address;
  biddingPeriodSeconds?: bigint;
  acceptancePeriodSeconds?: bigint;
  financingPeriodSeconds?: bigint;
  activationGracePeriodSeconds?: bigint;
};

export function registerDeployCommand(program: Command): void {
  const command = program
    .command("deploy")
    .description("Deploy Solar Token, its optional sale, the Generator and the Marketplace; write the deployment file.")
    .addOption(
      new Option("--rpc-url <url>", "JSON-RPC endpoint of the chain")
        .env("DREX_RPC_URL")
        .default(DEFAULT_RPC_URL)
        .argParser(parseHttpUrl),
    )
    .option("--out <file>", "where to write the deployment file", DEFAULT_DEPLOYMENT_FILE)
    .option("--force", "overwrite an existing deployment file")
    .option("--keystore <file>", "sign with this encrypted key file (else DREX_PRIVATE_KEY)")
    .option("--json", "print the result as JSON")
    .option("--cap <SOLAR>", "the Solar Token supply cap, fixed forever (default 100,000,000)", parsePositiveSolar)
    .option("--token-owner <address>", "who may mint SOLAR (default: the deployer)", parseAddress)
    .option(
      "--sale-price-wei-per-token <wei>",
      "open a token sale at this many wei of ether per SOLAR",
      parsePositiveWei,
    )
    .option("--sale-tranche <SOLAR>", "the SOLAR offered in the sale", parsePositiveSolar)
    .option("--sale-days <days>", "how long the sale stays open (default 90)", parseDaysAsSeconds)
    .option("--sale-treasury <address>", "who receives the sale's ether (default: the deployer)", parseAddress)
    .option("--bidding-period-seconds <s>", "how long requests take bids (default one week)", parsePositiveWhole)
    .option(
      "--acceptance-period-seconds <s>",
      "how long a creator has to accept (default one week)",
      parsePositiveWhole,
    )
    .option("--financing-period-seconds <s>", "how long financing runs (default 30 days)", parsePositiveWhole)
    .option(
      "--activation-grace-period-seconds <s>",
      "grace after the installation time to activate (default 14 days)",
      parsePositiveWhole,
    );
  withExamples(command, [
    "DREX_PRIVATE_KEY=0x… drex deploy --rpc-url http://127.0.0.1:8545",
    "drex deploy --keystore deployer.json --out deployment.json --sale-price-wei-per-token 1000000000000000 --sale-tranche 100000",
  ]).action(async (flags: DeployFlags) => {
    if ((flags.salePriceWeiPerToken === undefined) !== (flags.saleTranche === undefined)) {
      throw new UsageError("--sale-tranche", "a sale needs both --sale-price-wei-per-token and --sale-tranche");
    }
    if (
      flags.salePriceWeiPerToken === undefined &&
      (flags.saleDays !== undefined || flags.saleTreasury !== undefined)
    ) {
      throw new UsageError("--sale-days", "--sale-days and --sale-treasury need a sale (--sale-price-wei-per-token)");
    }
    // Refused before deploying: finding out after would leave contracts nobody has the addresses of.
    if (existsSync(flags.out) && !flags.force) {
      throw new UsageError("--out", `${flags.out} already exists; pass --force to overwrite it`);
    }
    const output = createOutput(flags.json === true);
    const account = await loadSigner({ keystore: flags.keystore });
    const connection = await connectChain(flags.rpcUrl, output);
    const parameters: DeployDrexParameters = {
      capWei: flags.cap,
      tokenOwner: flags.tokenOwner,
      biddingPeriodSeconds: flags.biddingPeriodSeconds,
      acceptancePeriodSeconds: flags.acceptancePeriodSeconds,
      financingPeriodSeconds: flags.financingPeriodSeconds,
      activationGracePeriodSeconds: flags.activationGracePeriodSeconds,
    };
    if (flags.salePriceWeiPerToken !== undefined && flags.saleTranche !== undefined) {
      parameters.sale = {
        priceWeiPerToken: flags.salePriceWeiPerToken,
        trancheTokenWei: flags.saleTranche,
        durationSeconds: flags.saleDays,
        treasury: flags.saleTreasury,
      };
    }
    const deployed = await deployDrex(walletClientFor(connection, account), parameters);
    const addresses = {
      token: getAddress(deployed.token),
      marketplace: getAddress(deployed.marketplace),
      generatorImplementation: getAddress(deployed.generatorImplementation),
      sale: deployed.sale === null ? null : getAddress(deployed.sale),
    };
    writeDeployment(flags.out, {
      chainId: connection.chain.id,
      addresses,
      energy: null,
      distribute: null,
      fromBlock: deployed.fromBlock,
    });
    output.result(
      {
        chainId: connection.chain.id,
        addresses,
        fromBlock: deployed.fromBlock,
        gasUsed: deployed.gasUsed,
        deployer: account.address,
        file: flags.out,
      },
      () => [
        `D-REX deployed on chain ${connection.chain.id} by ${account.address}:`,
        ...table([
          ["token", addresses.token],
          ["marketplace", addresses.marketplace],
          ["generator implementation", addresses.generatorImplementation],
          [
            "sale",
            addresses.sale === null ? "none" : `${addresses.sale} (${formatSolar(flags.saleTranche ?? 0n)} for sale)`,
          ],
        ]),
        `  from block ${deployed.fromBlock}, ${deployed.gasUsed.toLocaleString("en-US")} gas in all`,
        `Deployment written to ${flags.out}`,
      ],
    );
  });
}

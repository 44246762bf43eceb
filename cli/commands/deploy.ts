// `drex deploy`: the contracts onto any chain, and the deployment file every node and command reads them from. A
// marketplace that is not linked to the measured-energy modules can never activate a generator (its device must be
// one the Technical DAO approved, DX8), so the deployment links it: to an existing module registry, or to modules
// deployed with it.
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import { type Address, getAddress, isAddressEqual, type PublicClient, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { writeDeployment } from "../../node/deployment.ts";
import { ModuleRegistryAbi } from "../../sdk/abi/ModuleRegistry.ts";
import { TechnicalDAOAbi } from "../../sdk/abi/TechnicalDAO.ts";
import { type DeployDrexParameters, deployDrex } from "../../sdk/deploy/deployDrex.ts";
import { linkDeviceModules } from "../../sdk/deploy/linkDeviceModules.ts";
import {
  type DeployEnergyParameters,
  type DeployedEnergy,
  deployEnergy,
  ENERGY_MODULE_NAMES,
  type EnergyAddresses,
} from "../../sdk/energy/deployEnergy.ts";
import { formatSolar } from "../../sdk/format.ts";
import { connectChain, DEFAULT_RPC_URL, walletClientFor } from "../chain.ts";
import { DEFAULT_DEPLOYMENT_FILE } from "../deploymentSource.ts";
import { UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { loadSigner } from "../keys.ts";
import { createOutput, table } from "../output.ts";
import {
  parseAddress,
  parseBps,
  parseDaysAsSeconds,
  parseHttpUrl,
  parsePositiveSolar,
  parsePositiveWei,
  parsePositiveWhole,
  parseWei,
  parseWhole,
} from "../parse.ts";

/** The measured-energy modules' defaults when `drex deploy` deploys them. */
export const DEFAULT_VOTING_DELAY_SECONDS = 0n;
export const DEFAULT_VOTING_PERIOD_SECONDS = 259_200n; // 3 days
export const DEFAULT_QUORUM_PERCENT = 50n;
export const DEFAULT_REWARD_WEI_PER_WH = 10n ** 15n;
export const DEFAULT_POOL_BPS = 2_000;
export const DEFAULT_VAULT_BPS = 1_000;
const MAX_UINT32 = 2n ** 32n - 1n;
const MAX_UINT48 = 2n ** 48n - 1n;

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
  deviceModules?: Address;
  daoMember?: Address[];
  votingDelaySeconds?: bigint;
  votingPeriodSeconds?: bigint;
  quorumPercent?: bigint;
  committer?: Address;
  rewardWeiPerWh?: bigint;
  poolBps?: number;
  vaultBps?: number;
};

/** The flags that shape measured-energy modules deployed with D-REX; meaningless with --device-modules. */
const ENERGY_FLAGS = [
  ["daoMember", "--dao-member"],
  ["votingDelaySeconds", "--voting-delay-seconds"],
  ["votingPeriodSeconds", "--voting-period-seconds"],
  ["quorumPercent", "--quorum-percent"],
  ["committer", "--committer"],
  ["rewardWeiPerWh", "--reward-wei-per-wh"],
  ["poolBps", "--pool-bps"],
  ["vaultBps", "--vault-bps"],
] as const satisfies readonly (readonly [keyof DeployFlags, string])[];

const collectAddress = (text: string, previous: Address[] | undefined): Address[] => [
  ...(previous ?? []),
  parseAddress(text),
];

/** The energy settings the flags give, checked; defaults filled in once the deployer is known. */
type EnergySettings = Omit<DeployEnergyParameters, "members" | "committer" | "pools"> & {
  members: Address[] | undefined;
  committer: Address | undefined;
};

function energySettings(flags: DeployFlags): EnergySettings {
  const members = flags.daoMember;
  if (members !== undefined) {
    const twice = members.find((member, i) => members.findIndex((m) => isAddressEqual(m, member)) !== i);
    if (twice !== undefined) throw new UsageError("--dao-member", `${twice} is given twice`);
  }
  const votingDelaySeconds = flags.votingDelaySeconds ?? DEFAULT_VOTING_DELAY_SECONDS;
  if (votingDelaySeconds > MAX_UINT48) throw new UsageError("--voting-delay-seconds", "far too long");
  const votingPeriodSeconds = flags.votingPeriodSeconds ?? DEFAULT_VOTING_PERIOD_SECONDS;
  if (votingPeriodSeconds > MAX_UINT32) {
    throw new UsageError("--voting-period-seconds", `at most ${MAX_UINT32} seconds (about 136 years)`);
  }
  const quorumPercent = flags.quorumPercent ?? DEFAULT_QUORUM_PERCENT;
  if (quorumPercent > 100n) throw new UsageError("--quorum-percent", "a percentage from 1 to 100");
  const poolBps = flags.poolBps ?? DEFAULT_POOL_BPS;
  const vaultBps = flags.vaultBps ?? DEFAULT_VAULT_BPS;
  if (poolBps + vaultBps > 10_000) {
    throw new UsageError(
      "--pool-bps",
      `the pool's and the vault's parts come to ${poolBps + vaultBps} bps, over 10000`,
    );
  }
  return {
    members,
    votingDelaySeconds: Number(votingDelaySeconds),
    votingPeriodSeconds: Number(votingPeriodSeconds),
    quorumPercent,
    committer: flags.committer,
    reward: {
      rewardWeiPerWh: flags.rewardWeiPerWh ?? DEFAULT_REWARD_WEI_PER_WH,
      // The pool's part goes to the Reward/Energy pool itself, whose liquidity providers it is meant for (MX5, MX6).
      poolRecipient: "rewardEnergyPool",
      poolBps,
      vaultBps,
    },
  };
}

/**
 * The modules an existing registry holds, as the deployment file lists them; a usage error when the address is not a
 * measured-energy module registry. Its pools are left out: the Energy/Solar pool of a new token cannot exist yet.
 */
async function registryModules(client: PublicClient, registry: Address): Promise<EnergyAddresses> {
  const notARegistry = () => new UsageError("--device-modules", `${registry} is not a measured-energy module registry`);
  try {
    const module = (name: keyof typeof ENERGY_MODULE_NAMES) =>
      readContract(client, {
        address: registry,
        abi: ModuleRegistryAbi,
        functionName: "moduleOf",
        args: [ENERGY_MODULE_NAMES[name]],
      });
    const [
      dao,
      deviceRegistry,
      readingCommitments,
      energyPayments,
      storageNode,
      energyToken,
      rewardToken,
      poolFactory,
    ] = await Promise.all([
      readContract(client, { address: registry, abi: ModuleRegistryAbi, functionName: "dao" }),
      module("devices"),
      module("readings"),
      module("payments"),
      module("storage"),
      module("energyToken"),
      module("rewardToken"),
      module("pools"),
    ]);
    if (isAddressEqual(deviceRegistry, zeroAddress)) {
      throw new UsageError(
        "--device-modules",
        `${registry} has no device registry yet: its modules are not registered`,
      );
    }
    const membership = await readContract(client, { address: dao, abi: TechnicalDAOAbi, functionName: "token" });
    return {
      membership: getAddress(membership),
      dao: getAddress(dao),
      moduleRegistry: getAddress(registry),
      deviceRegistry: getAddress(deviceRegistry),
      readingCommitments: getAddress(readingCommitments),
      energyPayments: getAddress(energyPayments),
      energyToken: getAddress(energyToken),
      rewardToken: getAddress(rewardToken),
      storageNode: getAddress(storageNode),
      poolFactory: getAddress(poolFactory),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw notARegistry();
  }
}

function checksummed(energy: DeployedEnergy): DeployedEnergy {
  const { pools, ...modules } = energy;
  const addresses = Object.fromEntries(
    Object.entries(modules).map(([name, address]) => [name, getAddress(address)]),
  ) as EnergyAddresses;
  return pools === undefined
    ? addresses
    : {
        ...addresses,
        pools: { rewardEnergy: getAddress(pools.rewardEnergy), energySolar: getAddress(pools.energySolar) },
      };
}

export function registerDeployCommand(program: Command): void {
  const energyGroup = "Measured-energy modules (DX8; deployed unless --device-modules is given):";
  const command = program
    .command("deploy")
    .description(
      "Deploy Solar Token, its optional sale, the Generator and the Marketplace, linked to the measured-energy " +
        "modules (deployed too unless --device-modules names them); write the deployment file.",
    )
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
    )
    .addOption(
      new Option(
        "--device-modules <address>",
        "link the marketplace to this existing measured-energy module registry instead of deploying one",
      )
        .argParser(parseAddress)
        .helpGroup(energyGroup),
    )
    .addOption(
      new Option(
        "--dao-member <address>",
        "a Technical DAO member, one vote each; repeat for more (default: the deployer)",
      )
        .argParser(collectAddress)
        .helpGroup(energyGroup),
    )
    .addOption(
      new Option("--voting-delay-seconds <s>", "from a proposal to the start of its vote (default 0)")
        .argParser(parseWhole)
        .helpGroup(energyGroup),
    )
    .addOption(
      new Option("--voting-period-seconds <s>", "how long a vote stays open (default 259200, 3 days)")
        .argParser(parsePositiveWhole)
        .helpGroup(energyGroup),
    )
    .addOption(
      new Option("--quorum-percent <n>", "the share of all members' votes a proposal needs, 1 to 100 (default 50)")
        .argParser(parsePositiveWhole)
        .helpGroup(energyGroup),
    )
    .addOption(
      new Option("--committer <address>", "the node key allowed to commit readings' roots (default: the deployer)")
        .argParser(parseAddress)
        .helpGroup(energyGroup),
    )
    .addOption(
      new Option("--reward-wei-per-wh <wei>", "Reward Token base units minted per Wh paid (default 10^15)")
        .argParser(parseWei)
        .helpGroup(energyGroup),
    )
    .addOption(
      new Option("--pool-bps <bps>", "the Reward/Energy pool's part of each reward (default 2000)")
        .argParser(parseBps)
        .helpGroup(energyGroup),
    )
    .addOption(
      new Option("--vault-bps <bps>", "the DAO vault's part of each reward (default 1000)")
        .argParser(parseBps)
        .helpGroup(energyGroup),
    );
  withExamples(command, [
    "DREX_PRIVATE_KEY=0x… drex deploy --rpc-url http://127.0.0.1:8545",
    "drex deploy --keystore deployer.json --out deployment.json --sale-price-wei-per-token 1000000000000000 --sale-tranche 100000",
    "drex deploy --keystore deployer.json --dao-member 0x… --dao-member 0x… --dao-member 0x… --voting-period-seconds 86400",
    "drex deploy --keystore deployer.json --device-modules 0x…",
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
    if (flags.deviceModules !== undefined) {
      const given = ENERGY_FLAGS.find(([name]) => flags[name] !== undefined);
      if (given !== undefined) {
        throw new UsageError(
          given[1],
          "sets up new measured-energy modules; with --device-modules the existing ones are linked as they are",
        );
      }
    }
    // Checked even when linking: the flags are then all absent and only the defaults remain.
    const settings = energySettings(flags);
    // Refused before deploying: finding out after would leave contracts nobody has the addresses of.
    if (existsSync(flags.out) && !flags.force) {
      throw new UsageError("--out", `${flags.out} already exists; pass --force to overwrite it`);
    }
    const output = createOutput(flags.json === true);
    const account = await loadSigner({ keystore: flags.keystore });
    const connection = await connectChain(flags.rpcUrl, output);
    const wallet = walletClientFor(connection, account);
    const existing =
      flags.deviceModules === undefined ? null : await registryModules(connection.publicClient, flags.deviceModules);
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
    const deployed = await deployDrex(wallet, parameters);
    let gasUsed = deployed.gasUsed;
    let energy: DeployedEnergy;
    if (existing === null) {
      const {
        fromBlock: _energyFromBlock,
        gasUsed: energyGas,
        ...modules
      } = await deployEnergy(wallet, {
        ...settings,
        members: settings.members ?? [account.address],
        committer: settings.committer ?? account.address,
        pools: { solarToken: deployed.token },
      });
      gasUsed += energyGas;
      energy = checksummed(modules);
    } else energy = existing;
    gasUsed += (
      await linkDeviceModules(wallet, { marketplace: deployed.marketplace, deviceModules: energy.moduleRegistry })
    ).gasUsed;
    const addresses = {
      token: getAddress(deployed.token),
      marketplace: getAddress(deployed.marketplace),
      generatorImplementation: getAddress(deployed.generatorImplementation),
      sale: deployed.sale === null ? null : getAddress(deployed.sale),
    };
    writeDeployment(flags.out, {
      chainId: connection.chain.id,
      addresses,
      energy,
      distribute: null,
      fromBlock: deployed.fromBlock,
    });
    const { pools, ...modules } = energy;
    output.result(
      {
        chainId: connection.chain.id,
        addresses,
        energy,
        deviceModulesLinked: existing !== null ? "existing" : "deployed",
        fromBlock: deployed.fromBlock,
        gasUsed,
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
        existing !== null
          ? "Linked to the existing measured-energy modules (DX8):"
          : "Measured-energy modules deployed and linked (DX8):",
        ...table([
          ...Object.entries(modules).map(([name, address]) => [name, address] as const),
          ...(pools === undefined
            ? []
            : ([
                ["Reward/Energy pool", pools.rewardEnergy],
                ["Energy/Solar pool", pools.energySolar],
              ] as const)),
        ]),
        `  from block ${deployed.fromBlock}, ${gasUsed.toLocaleString("en-US")} gas in all`,
        `Deployment written to ${flags.out}`,
      ],
    );
  });
}

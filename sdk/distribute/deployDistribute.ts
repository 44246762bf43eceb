// Deploys the Distribute Protocol (DS1–DS8) and wires it as the contracts' tests do: the capital token over the pool
// currency, reputation with its registrar, the voting contract, the project registry and the task registry, each
// contract given the roles the others need.
import { type Abi, type Address, getAddress, type Hex } from "viem";
import { deployContract, readContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { CapitalTokenAbi, CapitalTokenBytecode } from "../abi/CapitalToken.ts";
import { DistributeProjectsAbi, DistributeProjectsBytecode } from "../abi/DistributeProjects.ts";
import { DistributeTasksAbi, DistributeTasksBytecode } from "../abi/DistributeTasks.ts";
import { DistributeVotingAbi, DistributeVotingBytecode } from "../abi/DistributeVoting.ts";
import { ReputationAbi, ReputationBytecode } from "../abi/Reputation.ts";
import { DrexError, InvalidParameterError, throwAsContractRevert } from "../errors.ts";
import type { DrexWalletClient } from "../types.ts";

/** The periods the protocol runs on, in seconds. */
export type DistributePeriods = {
  /** How long stakers have to put forward and back task lists once a project is staked. */
  taskListSeconds: number;
  /** How long an active project's tasks may be claimed. */
  activeSeconds: number;
  /** How long a submitted task is open to validators. */
  validationSeconds: number;
  /** A contested task's poll: the commit period, then the reveal period. */
  commitSeconds: number;
  revealSeconds: number;
};

export type DeployDistributeParameters = {
  /** The pool currency: an ERC-20 without a transfer fee (the Solar Token in a D-REX node). */
  currency: Address;
  /** The launch price of a whole capital token, in currency base units; also the floor of the price. */
  floorPriceWeiPerToken: bigint;
  /** Reputation (base units, 18 decimals) each account receives when it registers. */
  initialReputation: bigint;
  /** Who may register accounts with their identities (DS2). */
  registrar: Address;
  periods: DistributePeriods;
  capitalName?: string;
  capitalSymbol?: string;
  reputationName?: string;
  reputationSymbol?: string;
};

export type DistributeAddresses = {
  capitalToken: Address;
  reputation: Address;
  voting: Address;
  projects: Address;
  tasks: Address;
};

export type DeployDistributeReturnType = DistributeAddresses & {
  /** The block of the first deployment: where event scans can start. */
  fromBlock: bigint;
  gasUsed: bigint;
};

const MAX_UINT32 = 2 ** 32 - 1;

/** Deploys and wires the five Distribute Protocol contracts. */
export async function deployDistribute(
  client: DrexWalletClient,
  params: DeployDistributeParameters,
): Promise<DeployDistributeReturnType> {
  for (const [name, seconds] of Object.entries(params.periods)) {
    if (!Number.isSafeInteger(seconds) || seconds <= 0 || seconds > MAX_UINT32) {
      throw new InvalidParameterError(`periods.${name}`, `The ${name} must be a whole number of seconds above 0.`);
    }
  }
  if (params.floorPriceWeiPerToken <= 0n) {
    throw new InvalidParameterError("floorPriceWeiPerToken", "The launch price must be more than 0.");
  }
  // The deploying account is every contract's admin: it grants the roles below.
  const admin = client.account.address;
  let gasUsed = 0n;
  let fromBlock: bigint | undefined;
  const mined = async (name: string, hash: Hex) => {
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== "success") throw new DrexError(`${name} failed.`, { details: `transaction ${hash}` });
    gasUsed += receipt.gasUsed;
    fromBlock ??= receipt.blockNumber;
    return receipt;
  };
  const deploy = async (name: string, abi: Abi, bytecode: Hex, args: readonly unknown[]): Promise<Address> => {
    let hash: Hex;
    try {
      hash = await deployContract(client, {
        abi,
        bytecode,
        args,
        account: client.account,
        chain: client.chain,
      } as never);
    } catch (error) {
      throwAsContractRevert(error);
    }
    const receipt = await mined(`Deploying ${name}`, hash);
    if (!receipt.contractAddress) throw new DrexError(`Deploying ${name} failed.`, { details: `transaction ${hash}` });
    return getAddress(receipt.contractAddress);
  };
  /** Grants `roleName` (read from the contract, as its constant defines it) on `address` to `account`. */
  const grant = async (contractName: string, address: Address, abi: Abi, roleName: string, account: Address) => {
    const role = (await readContract(client, { address, abi, functionName: roleName })) as Hex;
    let hash: Hex;
    try {
      hash = await writeContract(client, {
        address,
        abi,
        functionName: "grantRole",
        args: [role, account],
        account: client.account,
        chain: client.chain,
      } as never);
    } catch (error) {
      throwAsContractRevert(error);
    }
    await mined(`Granting ${roleName} on ${contractName}`, hash);
  };

  const capitalToken = await deploy("CapitalToken", CapitalTokenAbi, CapitalTokenBytecode, [
    params.capitalName ?? "Distribute Capital",
    params.capitalSymbol ?? "DCAP",
    params.currency,
    params.floorPriceWeiPerToken,
    admin,
  ]);
  const reputation = await deploy("Reputation", ReputationAbi, ReputationBytecode, [
    params.reputationName ?? "Distribute Reputation",
    params.reputationSymbol ?? "DREP",
    params.initialReputation,
    admin,
  ]);
  const voting = await deploy("DistributeVoting", DistributeVotingAbi, DistributeVotingBytecode, [
    capitalToken,
    reputation,
    admin,
  ]);
  const { taskListSeconds, activeSeconds, validationSeconds, commitSeconds, revealSeconds } = params.periods;
  const projects = await deploy("DistributeProjects", DistributeProjectsAbi, DistributeProjectsBytecode, [
    capitalToken,
    reputation,
    { taskListSeconds, activeSeconds },
    admin,
  ]);
  const tasks = await deploy("DistributeTasks", DistributeTasksAbi, DistributeTasksBytecode, [
    projects,
    voting,
    capitalToken,
    reputation,
    { validationSeconds, commitSeconds, revealSeconds },
  ]);
  await grant("CapitalToken", capitalToken, CapitalTokenAbi, "SPENDER_ROLE", projects);
  await grant("Reputation", reputation, ReputationAbi, "REGISTRAR_ROLE", params.registrar);
  for (const protocol of [projects, tasks, voting]) {
    await grant("Reputation", reputation, ReputationAbi, "PROTOCOL_ROLE", protocol);
  }
  await grant("DistributeVoting", voting, DistributeVotingAbi, "POLL_CREATOR_ROLE", tasks);
  await grant("DistributeProjects", projects, DistributeProjectsAbi, "TASK_REGISTRY_ROLE", tasks);
  return { capitalToken, reputation, voting, projects, tasks, fromBlock: fromBlock ?? 0n, gasUsed };
}

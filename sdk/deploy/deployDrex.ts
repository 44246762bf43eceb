import { type Abi, type Address, type Hex, parseUnits } from "viem";
import { deployContract, getBlock, waitForTransactionReceipt } from "viem/actions";
import { GeneratorAbi, GeneratorBytecode } from "../abi/Generator.ts";
import { MarketplaceAbi, MarketplaceBytecode } from "../abi/Marketplace.ts";
import { SolarTokenAbi, SolarTokenBytecode } from "../abi/SolarToken.ts";
import { SolarTokenSaleAbi, SolarTokenSaleBytecode } from "../abi/SolarTokenSale.ts";
import { mint } from "../actions/token/mint.ts";
import { DrexError, InvalidParameterError, throwAsContractRevert } from "../errors.ts";
import type { DrexAddresses, DrexWalletClient } from "../types.ts";
import { linkDeviceModules } from "./linkDeviceModules.ts";

const DAY = 86_400n;

/** The seed's and the marketplace's defaults. */
export const DEFAULT_CAP_WEI = parseUnits("100000000", 18); // 100,000,000 SOLAR
export const DEFAULT_BIDDING_PERIOD_SECONDS = 7n * DAY; // "open for ONE WEEK"
export const DEFAULT_ACCEPTANCE_PERIOD_SECONDS = 7n * DAY;
export const DEFAULT_FINANCING_PERIOD_SECONDS = 30n * DAY; // "open for ONE MONTH"
export const DEFAULT_ACTIVATION_GRACE_PERIOD_SECONDS = 14n * DAY;

export type DeployDrexSaleParameters = {
  /** Ether wei per whole SOLAR. */
  priceWeiPerToken: bigint;
  /** Solar Token base units offered. */
  trancheTokenWei: bigint;
  /** How long the sale stays open from deployment, in seconds. Default 90 days. */
  durationSeconds?: bigint;
  /** Who receives the ether and any unsold tokens. Default: the deployer. */
  treasury?: Address;
  /** Mint the tranche into the sale right away (needs the deployer to own the token). Default true. */
  fund?: boolean;
};

export type DeployDrexParameters = {
  /** The Solar Token supply cap, fixed forever (DX10). Default 100,000,000 SOLAR. */
  capWei?: bigint;
  /** Who may mint Solar Tokens. Default: the deployer. */
  tokenOwner?: Address;
  /** An initial sale of Solar Tokens; none when omitted. */
  sale?: DeployDrexSaleParameters;
  biddingPeriodSeconds?: bigint;
  acceptancePeriodSeconds?: bigint;
  financingPeriodSeconds?: bigint;
  activationGracePeriodSeconds?: bigint;
  /**
   * The measured-energy module registry whose device registry the generators check their devices in (DX8, MX1).
   * When omitted, link it later with `linkDeviceModules` (only the deployer can): until then no generator can
   * register a device, so none can be activated.
   */
  deviceModules?: Address;
};

export type DeployDrexReturnType = DrexAddresses & {
  /** The block of the first deployment: where event scans can start. */
  fromBlock: bigint;
  gasUsed: bigint;
};

/** Deploys Solar Token, the optional sale, the Generator implementation and the Marketplace, linked to the device
 * modules when given. */
export async function deployDrex(
  client: DrexWalletClient,
  params: DeployDrexParameters = {},
): Promise<DeployDrexReturnType> {
  const deployer = client.account.address;
  let gasUsed = 0n;
  let fromBlock: bigint | undefined;
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
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== "success" || !receipt.contractAddress) {
      throw new DrexError(`Deploying ${name} failed.`, { details: `transaction ${hash}` });
    }
    gasUsed += receipt.gasUsed;
    fromBlock ??= receipt.blockNumber;
    return receipt.contractAddress;
  };

  const capWei = params.capWei ?? DEFAULT_CAP_WEI;
  if (capWei <= 0n) throw new InvalidParameterError("capWei", "The supply cap must be more than 0 SOLAR.");
  const token = await deploy("SolarToken", SolarTokenAbi, SolarTokenBytecode, [capWei, params.tokenOwner ?? deployer]);

  let sale: Address | null = null;
  if (params.sale) {
    const { timestamp } = await getBlock(client);
    const deadline = timestamp + (params.sale.durationSeconds ?? 90n * DAY);
    sale = await deploy("SolarTokenSale", SolarTokenSaleAbi, SolarTokenSaleBytecode, [
      token,
      params.sale.treasury ?? deployer,
      params.sale.priceWeiPerToken,
      params.sale.trancheTokenWei,
      deadline,
    ]);
    if (params.sale.fund ?? true) {
      gasUsed += (await mint(client, { token, to: sale, amountWei: params.sale.trancheTokenWei })).gasUsed;
    }
  }

  const generatorImplementation = await deploy("Generator", GeneratorAbi, GeneratorBytecode, []);
  const marketplace = await deploy("Marketplace", MarketplaceAbi, MarketplaceBytecode, [
    token,
    generatorImplementation,
    params.biddingPeriodSeconds ?? DEFAULT_BIDDING_PERIOD_SECONDS,
    params.acceptancePeriodSeconds ?? DEFAULT_ACCEPTANCE_PERIOD_SECONDS,
    params.financingPeriodSeconds ?? DEFAULT_FINANCING_PERIOD_SECONDS,
    params.activationGracePeriodSeconds ?? DEFAULT_ACTIVATION_GRACE_PERIOD_SECONDS,
  ]);
  if (params.deviceModules !== undefined) {
    gasUsed += (await linkDeviceModules(client, { marketplace, deviceModules: params.deviceModules })).gasUsed;
  }
  return { token, sale, generatorImplementation, marketplace, fromBlock: fromBlock ?? 0n, gasUsed };
}

import type { Address } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { SolarTokenAbi } from "../../abi/SolarToken.ts";
import { type GeneratorPhase, generatorPhaseName } from "../../status.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetGeneratorParameters = {
  generator: Address;
  /** First block to read events from (the deployment's block, say). Default 0. */
  fromBlock?: bigint;
};

export type GeneratorOwnerView = {
  address: Address;
  /** Ownership shares: 10,000 = 100.00%. */
  shares: bigint;
  claimableWei: bigint;
  /** The owner's price vote per unit; null when they have not voted. */
  votePriceWeiPerUnit: bigint | null;
};

export type GeneratorView = {
  address: Address;
  name: string;
  symbol: string;
  requestId: bigint;
  phase: GeneratorPhase;
  marketplace: Address;
  token: Address;
  location: string;
  utilityKind: string;
  unit: string;
  requester: Address;
  provider: Address;
  /** The device in the device registry (DX8, MX1); null until the provider registers one. */
  deviceId: bigint | null;
  /** The device's current key in the registry, which signs its usage readings; null until registered. */
  deviceKey: Address | null;
  /** Unix seconds; null until activated. */
  activatedAt: bigint | null;
  /** Unix seconds: the last second activation is accepted (pending generators only matter). */
  activationDeadline: bigint;
  /** The installation cost financed, released to the provider on activation. */
  escrowWei: bigint;
  /** getAvg(): the stake-weighted average of the votes cast; 0 with no votes. */
  priceWeiPerUnit: bigint;
  votingShares: bigint;
  totalShares: bigint;
  cumulativeRevenueWei: bigint;
  unitsSold: bigint;
  deliveredMilliUnits: bigint;
  /** Solar Tokens the generator holds: revenue not yet claimed plus rounding dust. */
  balanceWei: bigint;
  /**
   * Everyone with shares or claimable revenue, most shares first. Built from the generator's Transfer events and, for
   * financiers whose shares are not yet written to storage (they appear lazily, see IGenerator), the marketplace's
   * Contributed events of this request.
   */
  owners: GeneratorOwnerView[];
};

export type GetGeneratorReturnType = GeneratorView;

/** A generator's full state with its owners, for the generator and operator screens (DX5–DX9). */
export async function getGenerator(
  client: DrexReadClient,
  params: GetGeneratorParameters,
): Promise<GetGeneratorReturnType> {
  const address = params.generator;
  const fromBlock = params.fromBlock ?? 0n;
  const [state, name, symbol, totalShares] = await Promise.all([
    readContract(client, { address, abi: GeneratorAbi, functionName: "state" }),
    readContract(client, { address, abi: GeneratorAbi, functionName: "name" }),
    readContract(client, { address, abi: GeneratorAbi, functionName: "symbol" }),
    readContract(client, { address, abi: GeneratorAbi, functionName: "totalSupply" }),
  ]);
  const [[request], transfers, contributions, balanceWei] = await Promise.all([
    readContract(client, {
      address: state.marketplace,
      abi: MarketplaceAbi,
      functionName: "getRequest",
      args: [state.requestId],
    }),
    getContractEvents(client, { address, abi: GeneratorAbi, eventName: "Transfer", fromBlock, strict: true }),
    getContractEvents(client, {
      address: state.marketplace,
      abi: MarketplaceAbi,
      eventName: "Contributed",
      args: { requestId: state.requestId },
      fromBlock,
      strict: true,
    }),
    readContract(client, {
      address: state.token,
      abi: SolarTokenAbi,
      functionName: "balanceOf",
      args: [address],
    }),
  ]);
  const candidates = new Map<string, Address>();
  for (const event of contributions) candidates.set(event.args.financier.toLowerCase(), event.args.financier);
  for (const event of transfers) candidates.set(event.args.to.toLowerCase(), event.args.to);
  const owners = (
    await Promise.all(
      [...candidates.values()].map(async (owner): Promise<GeneratorOwnerView> => {
        const [shares, claimableWei, [voted, votePrice]] = await Promise.all([
          readContract(client, { address, abi: GeneratorAbi, functionName: "balanceOf", args: [owner] }),
          readContract(client, { address, abi: GeneratorAbi, functionName: "claimableRevenue", args: [owner] }),
          readContract(client, { address, abi: GeneratorAbi, functionName: "voteOf", args: [owner] }),
        ]);
        return { address: owner, shares, claimableWei, votePriceWeiPerUnit: voted ? votePrice : null };
      }),
    )
  )
    .filter((owner) => owner.shares > 0n || owner.claimableWei > 0n)
    .sort((a, b) => (a.shares === b.shares ? a.address.localeCompare(b.address) : a.shares > b.shares ? -1 : 1));

  return {
    address,
    name,
    symbol,
    requestId: state.requestId,
    phase: generatorPhaseName(state.phase),
    marketplace: state.marketplace,
    token: state.token,
    location: request.location,
    utilityKind: request.utilityKind,
    unit: request.unit,
    requester: state.requester,
    provider: state.provider,
    deviceId: state.deviceId === 0n ? null : state.deviceId,
    deviceKey: BigInt(state.deviceKey) === 0n ? null : state.deviceKey,
    activatedAt: state.activatedAt === 0n ? null : BigInt(state.activatedAt),
    activationDeadline: BigInt(request.activationDeadline),
    escrowWei: state.escrowWei,
    priceWeiPerUnit: state.priceWeiPerUnit,
    votingShares: state.votingShares,
    totalShares,
    cumulativeRevenueWei: state.cumulativeRevenueWei,
    unitsSold: state.unitsSold,
    deliveredMilliUnits: state.deliveredMilliUnits,
    balanceWei,
    owners,
  };
}

import type { Address } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { type GeneratorPhase, generatorPhaseName, type RequestStatus, requestStatusName } from "../../status.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetPortfolioParameters = {
  marketplace: Address;
  /** The financier (or anyone who bought shares). */
  account: Address;
  /** First block to read events from (the deployment's block, say). Default 0. */
  fromBlock?: bigint;
};

export type PortfolioHolding = {
  generator: Address;
  requestId: bigint;
  location: string;
  unit: string;
  phase: GeneratorPhase;
  /** Ownership shares now: 10,000 = 100.00%. */
  shares: bigint;
  /** Revenue the account can claim now (kept after selling shares, for revenue earned before the sale). */
  claimableWei: bigint;
  /** The generator's price per unit now (getAvg()). */
  priceWeiPerUnit: bigint;
  /** The account's own vote; null when it has not voted. */
  votePriceWeiPerUnit: bigint | null;
  /** What the account contributed to this generator's financing; 0 for shares bought afterwards. */
  contributedWei: bigint;
  /** What the account can take back because activation failed; 0 otherwise. */
  refundableWei: bigint;
};

export type PortfolioContribution = {
  requestId: bigint;
  location: string;
  status: RequestStatus;
  contributedWei: bigint;
  /** Whether `refund` would return the contribution now (financing failed). */
  refundable: boolean;
};

export type GetPortfolioReturnType = {
  account: Address;
  /** Generators the account owns shares of, or can still claim revenue or a refund from. */
  holdings: PortfolioHolding[];
  /** Contributions to requests that have no generator yet (financing) or never will (financing failed). */
  contributions: PortfolioContribution[];
  totalClaimableWei: bigint;
  totalRefundableWei: bigint;
};

/** A financier's portfolio across every generator of a marketplace, for the financier screen (DX4–DX9). */
export async function getPortfolio(
  client: DrexReadClient,
  params: GetPortfolioParameters,
): Promise<GetPortfolioReturnType> {
  const { marketplace, account } = params;
  const fromBlock = params.fromBlock ?? 0n;
  const [created, contributed] = await Promise.all([
    getContractEvents(client, {
      address: marketplace,
      abi: MarketplaceAbi,
      eventName: "GeneratorCreated",
      fromBlock,
      strict: true,
    }),
    getContractEvents(client, {
      address: marketplace,
      abi: MarketplaceAbi,
      eventName: "Contributed",
      args: { financier: account },
      fromBlock,
      strict: true,
    }),
  ]);

  const holdings = (
    await Promise.all(
      created.map(async ({ args: { requestId, generator } }): Promise<PortfolioHolding | null> => {
        const [shares, claimableWei, [voted, votePrice], state, [contributedWei], [request, status]] =
          await Promise.all([
            readContract(client, { address: generator, abi: GeneratorAbi, functionName: "balanceOf", args: [account] }),
            readContract(client, {
              address: generator,
              abi: GeneratorAbi,
              functionName: "claimableRevenue",
              args: [account],
            }),
            readContract(client, { address: generator, abi: GeneratorAbi, functionName: "voteOf", args: [account] }),
            readContract(client, { address: generator, abi: GeneratorAbi, functionName: "state" }),
            readContract(client, {
              address: marketplace,
              abi: MarketplaceAbi,
              functionName: "contributionOf",
              args: [requestId, account],
            }),
            readContract(client, {
              address: marketplace,
              abi: MarketplaceAbi,
              functionName: "getRequest",
              args: [requestId],
            }),
          ]);
        const refundableWei = requestStatusName(status) === "ActivationFailed" ? contributedWei : 0n;
        if (shares === 0n && claimableWei === 0n && refundableWei === 0n) return null;
        return {
          generator,
          requestId,
          location: request.location,
          unit: request.unit,
          phase: generatorPhaseName(state.phase),
          shares,
          claimableWei,
          priceWeiPerUnit: state.priceWeiPerUnit,
          votePriceWeiPerUnit: voted ? votePrice : null,
          contributedWei,
          refundableWei,
        };
      }),
    )
  ).filter((holding) => holding !== null);

  const withGenerator = new Set(created.map((event) => event.args.requestId));
  const requestIds = [...new Set(contributed.map((event) => event.args.requestId))].filter(
    (id) => !withGenerator.has(id),
  );
  const contributions = (
    await Promise.all(
      requestIds.map(async (requestId): Promise<PortfolioContribution> => {
        const [[contributedWei], [request, status]] = await Promise.all([
          readContract(client, {
            address: marketplace,
            abi: MarketplaceAbi,
            functionName: "contributionOf",
            args: [requestId, account],
          }),
          readContract(client, {
            address: marketplace,
            abi: MarketplaceAbi,
            functionName: "getRequest",
            args: [requestId],
          }),
        ]);
        const statusName = requestStatusName(status);
        return {
          requestId,
          location: request.location,
          status: statusName,
          contributedWei,
          refundable: statusName === "FinancingFailed" && contributedWei > 0n,
        };
      }),
    )
  ).filter((c) => c.contributedWei > 0n);

  return {
    account,
    holdings,
    contributions,
    totalClaimableWei: holdings.reduce((sum, h) => sum + h.claimableWei, 0n),
    totalRefundableWei:
      holdings.reduce((sum, h) => sum + h.refundableWei, 0n) +
      contributions.reduce((sum, c) => sum + (c.refundable ? c.contributedWei : 0n), 0n),
  };
}

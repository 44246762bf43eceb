import type { Address } from "viem";
import { readContract } from "viem/actions";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { REQUEST_STATUSES, type RequestStatus } from "../../status.ts";
import type { DrexReadClient } from "../../types.ts";
import { getMarketplacePeriods, type RequestView, readRequest } from "./getRequest.ts";

/** The statuses in which a request still wants something from someone. */
export const OPEN_STATUSES: readonly RequestStatus[] = ["Bidding", "AwaitingAcceptance", "Financing"];

export type GetOpenRequestsParameters = {
  marketplace: Address;
  /**
   * Which statuses count as open. Default: Bidding (providers' screen), AwaitingAcceptance (the creator must choose)
   * and Financing (financiers' screen).
   */
  statuses?: readonly RequestStatus[];
  /** Skip requests with lower ids (they are all closed, say). Default 1. */
  fromRequestId?: bigint;
};

/** Open requests with their bids, oldest first. */
export type GetOpenRequestsReturnType = RequestView[];

/** Every open request with its bids, for the providers' and financiers' screens (DX1–DX4). */
export async function getOpenRequests(
  client: DrexReadClient,
  params: GetOpenRequestsParameters,
): Promise<GetOpenRequestsReturnType> {
  const statuses = new Set(params.statuses ?? OPEN_STATUSES);
  const [count, periods] = await Promise.all([
    readContract(client, { address: params.marketplace, abi: MarketplaceAbi, functionName: "requestCount" }),
    getMarketplacePeriods(client, params.marketplace),
  ]);
  const ids: bigint[] = [];
  for (let id = params.fromRequestId ?? 1n; id <= count; id++) ids.push(id);
  // Status first (one cheap read each), the full request only for the open ones.
  const open = (
    await Promise.all(
      ids.map(async (id) => {
        const status = await readContract(client, {
          address: params.marketplace,
          abi: MarketplaceAbi,
          functionName: "requestStatus",
          args: [id],
        });
        return { id, status };
      }),
    )
  ).filter(({ status }) => statuses.has(REQUEST_STATUSES[status] ?? "None"));
  return Promise.all(open.map(({ id }) => readRequest(client, params.marketplace, id, periods)));
}

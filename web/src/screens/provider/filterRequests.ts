// Which open requests a provider sees, by utility, wattage, location and time left to bid.
import type { MarketRequest } from "../../api/types.ts";

export type RequestFilter = {
  utilityKind: string;
  minWattageW: bigint | null;
  maxWattageW: bigint | null;
  locationContains: string;
  /** Only requests whose bidding closes within this many seconds; null for any. */
  closingWithinSeconds: bigint | null;
};

export function filterOpenRequests(
  requests: MarketRequest[],
  filter: RequestFilter,
  nowSeconds: bigint,
): MarketRequest[] {
  const place = filter.locationContains.trim().toLowerCase();
  return requests
    .filter((r) => r.status === "Bidding" && r.biddingEndsAt >= nowSeconds)
    .filter((r) => filter.utilityKind === "" || r.utilityKind === filter.utilityKind)
    .filter((r) => filter.minWattageW === null || r.wattageW >= filter.minWattageW)
    .filter((r) => filter.maxWattageW === null || r.wattageW <= filter.maxWattageW)
    .filter((r) => place === "" || r.location.toLowerCase().includes(place))
    .filter((r) => filter.closingWithinSeconds === null || r.biddingEndsAt - nowSeconds <= filter.closingWithinSeconds)
    .sort((a, b) => (a.biddingEndsAt < b.biddingEndsAt ? -1 : a.biddingEndsAt > b.biddingEndsAt ? 1 : 0));
}

// What the indexer's store answers: the rows the HTTP API, the CLI and the web app show. Amounts are bigint in the
// unit their name says; times are unix seconds; addresses are checksummed.
import type { Address, Hex } from "viem";

/** Where a request stands by its events alone; the API adds the time-based statuses (see `effectiveStatus`). */
export type RequestPhase = "Bidding" | "Cancelled" | "Financing" | "Funded" | "Active";

export type BidRow = {
  bidId: bigint;
  requestId: bigint;
  provider: Address;
  unitType: string;
  installationCostWei: bigint;
  installationSeconds: bigint;
  insurance: string;
  withdrawn: boolean;
  accepted: boolean;
  placedAt: bigint;
  transactionHash: Hex;
};

export type RequestRow = {
  requestId: bigint;
  creator: Address;
  location: string;
  wattageW: bigint;
  reason: string;
  utilityKind: string;
  unit: string;
  createdAt: bigint;
  biddingEndsAt: bigint;
  /** biddingEndsAt + the marketplace's acceptance period. */
  acceptanceEndsAt: bigint;
  phase: RequestPhase;
  acceptedBidId: bigint | null;
  provider: Address | null;
  targetWei: bigint | null;
  raisedWei: bigint;
  refundedWei: bigint;
  financingDeadline: bigint | null;
  financierCount: bigint;
  generator: Address | null;
  activationDeadline: bigint | null;
  transactionHash: Hex;
};

export type RequestWithBids = RequestRow & { bids: BidRow[] };

export type ContributionRow = {
  requestId: bigint;
  financier: Address;
  amountWei: bigint;
  refundedWei: bigint;
  /** 1-based order of the financier's first contribution: the share allocation's tie-break. */
  order: bigint;
};

export type GeneratorRow = {
  address: Address;
  requestId: bigint;
  consumer: Address;
  provider: Address;
  targetWei: bigint;
  /** The generator's device in the device registry (DX8, MX1); null until the provider registers one. */
  deviceId: bigint | null;
  /**
   * The key that signs the device's usage readings: its current key in the energy index when that index knows the
   * device (the Technical DAO may have changed it since), else the key it was registered with; null until then.
   */
  deviceKey: Address | null;
  active: boolean;
  activatedAt: bigint | null;
  activationDeadline: bigint;
  /** The price buyers pay now: the share-weighted average of the owners' votes (0 until someone votes). */
  priceWeiPerUnit: bigint;
  unitsSold: bigint;
  purchaseCount: bigint;
  usageMilliUnits: bigint;
  /** Lifetime revenue (purchases and the activation payment). */
  revenueWei: bigint;
  claimedWei: bigint;
  ownerCount: bigint;
  voterCount: bigint;
};

export type HoldingRow = {
  generator: Address;
  owner: Address;
  /** Out of 10,000; computed from the contributions for financiers whose shares are not yet written on-chain. */
  shares: bigint;
  voted: boolean;
  votePriceWeiPerUnit: bigint | null;
  claimedWei: bigint;
};

export type GeneratorDetail = GeneratorRow & {
  holdings: HoldingRow[];
  /** Every price change, oldest first: the averages after each vote or withdrawal. */
  priceHistory: { blockNumber: bigint; timestamp: bigint; priceWeiPerUnit: bigint }[];
};

export type AccountRow = {
  address: Address;
  /** Solar Token balance by Transfer events. */
  solarWei: bigint;
  holdings: HoldingRow[];
  contributions: ContributionRow[];
  /** kWh (unit) credit per generator, in milli-units, by EnergyPurchased and UsageReported. */
  credits: { generator: Address; creditMilliUnits: bigint }[];
  requestIds: bigint[];
  bidIds: bigint[];
};

/** One line of the activity feed: any D-REX event, decoded. Args keep the ABI names; amounts are bigint. */
export type ActivityRow = {
  /** Unique and ordered: blockNumber * 100_000 + logIndex. */
  id: bigint;
  blockNumber: bigint;
  logIndex: number;
  timestamp: bigint;
  transactionHash: Hex;
  contract: "token" | "sale" | "marketplace" | "generator";
  address: Address;
  eventName: string;
  args: Record<string, unknown>;
};

export type Totals = {
  requestCount: bigint;
  generatorCount: bigint;
  activeGeneratorCount: bigint;
  raisedWei: bigint;
  unitsSold: bigint;
  revenueWei: bigint;
  claimedWei: bigint;
  eventCount: bigint;
};

/** The length of a stats bucket. */
export type StatsBucket = "hour" | "day";

/** Activity in one bucket of time (DX8, DX9): what was bought and what the owners were paid. */
export type StatsPoint = {
  /** Unix seconds at which the bucket starts (UTC). */
  startsAt: bigint;
  /** Units bought (EnergyPurchased). */
  unitsSold: bigint;
  /** Revenue paid to the owners: purchases and activation payments (RevenueReceived). */
  revenueWei: bigint;
  purchaseCount: bigint;
};

export type Page = { limit: number; offset: number };

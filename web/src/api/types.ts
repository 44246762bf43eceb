// What the screens show, as the node's API describes it, with every amount as bigint in the unit its name says
// (…Wei: Solar Token base units; …MilliUnits: thousandths of a unit) and times as unix seconds.
import type { RequestStatus } from "../../../sdk/status.ts";

export type Address = `0x${string}`;
export type { RequestStatus };

export type Bid = {
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
};

export type MarketRequest = {
  requestId: bigint;
  creator: Address;
  location: string;
  wattageW: bigint;
  reason: string;
  utilityKind: string;
  unit: string;
  createdAt: bigint;
  biddingEndsAt: bigint;
  acceptanceEndsAt: bigint;
  acceptedBidId: bigint | null;
  provider: Address | null;
  targetWei: bigint | null;
  raisedWei: bigint;
  refundedWei: bigint;
  financingDeadline: bigint | null;
  financierCount: bigint;
  generator: Address | null;
  activationDeadline: bigint | null;
  /** What the contract would report now, by the chain's clock. */
  status: RequestStatus;
};

export type RequestWithBids = MarketRequest & { bids: Bid[] };

export type Generator = {
  address: Address;
  requestId: bigint;
  consumer: Address;
  provider: Address;
  targetWei: bigint;
  /** The installed device's current key in the device registry; null until the provider registers the device. */
  deviceKey: Address | null;
  /** The device's id in the device registry; null until registered, or when the node does not say. */
  deviceId: bigint | null;
  active: boolean;
  activatedAt: bigint | null;
  activationDeadline: bigint;
  priceWeiPerUnit: bigint;
  unitsSold: bigint;
  purchaseCount: bigint;
  usageMilliUnits: bigint;
  revenueWei: bigint;
  claimedWei: bigint;
  ownerCount: bigint;
  voterCount: bigint;
};

export type Holding = {
  generator: Address;
  owner: Address;
  /** Out of 10,000. */
  shares: bigint;
  voted: boolean;
  votePriceWeiPerUnit: bigint | null;
  claimedWei: bigint;
  /** Only in an account's holdings; 0 in a generator's owner list. */
  claimableWei: bigint;
};

export type PricePoint = { blockNumber: bigint; timestamp: bigint; priceWeiPerUnit: bigint };

export type GeneratorDetail = Generator & { holdings: Holding[]; priceHistory: PricePoint[] };

export type Contribution = { requestId: bigint; financier: Address; amountWei: bigint; refundedWei: bigint };

export type Credit = { generator: Address; creditMilliUnits: bigint };

export type Account = {
  address: Address;
  solarWei: bigint;
  holdings: Holding[];
  contributions: Contribution[];
  credits: Credit[];
  requestIds: bigint[];
  bidIds: bigint[];
  claimableWei: bigint;
};

export type Totals = {
  requestCount: bigint;
  generatorCount: bigint;
  activeGeneratorCount: bigint;
  raisedWei: bigint;
  unitsSold: bigint;
  revenueWei: bigint;
  claimedWei: bigint;
};

export type NodeStatus = {
  mode: "embedded" | "external";
  chainId: bigint;
  blockNumber: bigint;
  /** The time the chain's next block will carry, when the status was read. */
  chainTimeSeconds: bigint;
  addresses: { token: Address; marketplace: Address };
  totals: Totals;
};

export type ActivityItem = {
  id: bigint;
  blockNumber: bigint;
  timestamp: bigint;
  transactionHash: string;
  contract: string;
  address: Address;
  eventName: string;
  args: Record<string, unknown>;
};

export type DevAccount = { address: Address; label: string; solarWei: bigint };

export type StatsBucket = "day" | "hour";

export type StatsPoint = { startsAt: bigint; unitsSold: bigint; revenueWei: bigint; purchaseCount: bigint };

/** A transaction as the wallet signs it: the API encodes every action into this. */
export type UnsignedTransaction = { to: Address; data: `0x${string}` };

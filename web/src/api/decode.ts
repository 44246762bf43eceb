// The API's JSON into the screens' types. Amounts arrive as decimal strings and become bigint here, so no amount is
// ever a JavaScript number; an answer of the wrong shape fails loudly instead of showing wrong figures.
import { REQUEST_STATUSES } from "../../../sdk/status.ts";
import {
  addr,
  addrOrNull,
  big,
  bigOrNull,
  bool,
  type Json,
  list,
  obj,
  str,
  UnexpectedAnswerError,
} from "./jsonFields.ts";
import type {
  Account,
  ActivityItem,
  Bid,
  Contribution,
  Credit,
  DevAccount,
  Generator,
  GeneratorDetail,
  Holding,
  MarketRequest,
  NodeStatus,
  PricePoint,
  RequestStatus,
  RequestWithBids,
  StatsBucket,
  StatsPoint,
  Totals,
  UnsignedTransaction,
} from "./types.ts";

function status(o: Json): RequestStatus {
  const v = str(o, "status");
  const found = REQUEST_STATUSES.find((s) => s === v);
  if (!found) throw new UnexpectedAnswerError("status");
  return found;
}

export function decodeBid(value: unknown): Bid {
  const o = obj(value, "bid");
  return {
    bidId: big(o, "bidId"),
    requestId: big(o, "requestId"),
    provider: addr(o, "provider"),
    unitType: str(o, "unitType"),
    installationCostWei: big(o, "installationCostWei"),
    installationSeconds: big(o, "installationSeconds"),
    insurance: str(o, "insurance"),
    withdrawn: bool(o, "withdrawn"),
    accepted: bool(o, "accepted"),
    placedAt: big(o, "placedAt"),
  };
}

export function decodeRequest(value: unknown): MarketRequest {
  const o = obj(value, "request");
  return {
    requestId: big(o, "requestId"),
    creator: addr(o, "creator"),
    location: str(o, "location"),
    wattageW: big(o, "wattageW"),
    reason: str(o, "reason"),
    utilityKind: str(o, "utilityKind"),
    unit: str(o, "unit"),
    createdAt: big(o, "createdAt"),
    biddingEndsAt: big(o, "biddingEndsAt"),
    acceptanceEndsAt: big(o, "acceptanceEndsAt"),
    acceptedBidId: bigOrNull(o, "acceptedBidId"),
    provider: addrOrNull(o, "provider"),
    targetWei: bigOrNull(o, "targetWei"),
    raisedWei: big(o, "raisedWei"),
    refundedWei: big(o, "refundedWei"),
    financingDeadline: bigOrNull(o, "financingDeadline"),
    financierCount: big(o, "financierCount"),
    generator: addrOrNull(o, "generator"),
    activationDeadline: bigOrNull(o, "activationDeadline"),
    status: status(o),
  };
}

export function decodeRequestWithBids(value: unknown): RequestWithBids {
  return { ...decodeRequest(value), bids: list(obj(value).bids, decodeBid, "bids") };
}

export function decodeRequestList(value: unknown): MarketRequest[] {
  return list(obj(value).requests, decodeRequest, "requests");
}

export function decodeGenerator(value: unknown): Generator {
  const o = obj(value, "generator");
  return {
    address: addr(o, "address"),
    requestId: big(o, "requestId"),
    consumer: addr(o, "consumer"),
    provider: addr(o, "provider"),
    targetWei: big(o, "targetWei"),
    deviceKey: addrOrNull(o, "deviceKey"),
    // A node from before DX8 sends no deviceId: the app then shows the key alone.
    deviceId: bigOrNull(o, "deviceId"),
    active: bool(o, "active"),
    activatedAt: bigOrNull(o, "activatedAt"),
    activationDeadline: big(o, "activationDeadline"),
    priceWeiPerUnit: big(o, "priceWeiPerUnit"),
    unitsSold: big(o, "unitsSold"),
    purchaseCount: big(o, "purchaseCount"),
    usageMilliUnits: big(o, "usageMilliUnits"),
    revenueWei: big(o, "revenueWei"),
    claimedWei: big(o, "claimedWei"),
    ownerCount: big(o, "ownerCount"),
    voterCount: big(o, "voterCount"),
  };
}

export function decodeGeneratorList(value: unknown): Generator[] {
  return list(obj(value).generators, decodeGenerator, "generators");
}

function decodeHolding(value: unknown): Holding {
  const o = obj(value, "holding");
  return {
    generator: addr(o, "generator"),
    owner: addr(o, "owner"),
    shares: big(o, "shares"),
    voted: bool(o, "voted"),
    votePriceWeiPerUnit: bigOrNull(o, "votePriceWeiPerUnit"),
    claimedWei: big(o, "claimedWei"),
    claimableWei: bigOrNull(o, "claimableWei") ?? 0n,
  };
}

function decodePricePoint(value: unknown): PricePoint {
  const o = obj(value, "price point");
  return {
    blockNumber: big(o, "blockNumber"),
    timestamp: big(o, "timestamp"),
    priceWeiPerUnit: big(o, "priceWeiPerUnit"),
  };
}

export function decodeGeneratorDetail(value: unknown): GeneratorDetail {
  const o = obj(value, "generator");
  return {
    ...decodeGenerator(o),
    holdings: list(o.holdings, decodeHolding, "holdings"),
    priceHistory: list(o.priceHistory, decodePricePoint, "priceHistory"),
  };
}

function decodeContribution(value: unknown): Contribution {
  const o = obj(value, "contribution");
  return {
    requestId: big(o, "requestId"),
    financier: addr(o, "financier"),
    amountWei: big(o, "amountWei"),
    refundedWei: big(o, "refundedWei"),
  };
}

function decodeCredit(value: unknown): Credit {
  const o = obj(value, "credit");
  return { generator: addr(o, "generator"), creditMilliUnits: big(o, "creditMilliUnits") };
}

function decodeBigList(value: unknown, what: string): bigint[] {
  return list(
    value,
    (v) => {
      if (typeof v !== "string" || !/^[0-9]+$/.test(v)) throw new UnexpectedAnswerError(what);
      return BigInt(v);
    },
    what,
  );
}

export function decodeAccount(value: unknown): Account {
  const o = obj(value, "account");
  return {
    address: addr(o, "address"),
    solarWei: big(o, "solarWei"),
    holdings: list(o.holdings, decodeHolding, "holdings"),
    contributions: list(o.contributions, decodeContribution, "contributions"),
    credits: list(o.credits, decodeCredit, "credits"),
    requestIds: decodeBigList(o.requestIds, "requestIds"),
    bidIds: decodeBigList(o.bidIds, "bidIds"),
    claimableWei: big(o, "claimableWei"),
  };
}

function decodeTotals(value: unknown): Totals {
  const o = obj(value, "totals");
  return {
    requestCount: big(o, "requestCount"),
    generatorCount: big(o, "generatorCount"),
    activeGeneratorCount: big(o, "activeGeneratorCount"),
    raisedWei: big(o, "raisedWei"),
    unitsSold: big(o, "unitsSold"),
    revenueWei: big(o, "revenueWei"),
    claimedWei: big(o, "claimedWei"),
  };
}

export function decodeStatus(value: unknown): NodeStatus {
  const o = obj(value, "status");
  const addresses = obj(o.addresses, "addresses");
  const mode = str(o, "mode");
  return {
    mode: mode === "external" ? "external" : "embedded",
    chainId: big(o, "chainId"),
    blockNumber: big(o, "blockNumber"),
    chainTimeSeconds: big(o, "chainTimeSeconds"),
    addresses: { token: addr(addresses, "token"), marketplace: addr(addresses, "marketplace") },
    totals: decodeTotals(o.totals),
  };
}

export function decodeActivity(value: unknown): ActivityItem {
  const o = obj(value, "activity");
  return {
    id: big(o, "id"),
    blockNumber: big(o, "blockNumber"),
    timestamp: big(o, "timestamp"),
    transactionHash: str(o, "transactionHash"),
    contract: str(o, "contract"),
    address: addr(o, "address"),
    eventName: str(o, "eventName"),
    args: obj(o.args, "args"),
  };
}

export function decodeActivityList(value: unknown): ActivityItem[] {
  return list(obj(value).activity, decodeActivity, "activity");
}

export function decodeDevAccounts(value: unknown): DevAccount[] {
  return list(
    obj(value).accounts,
    (v) => {
      const o = obj(v, "account");
      return { address: addr(o, "address"), label: str(o, "label"), solarWei: big(o, "solarWei") };
    },
    "accounts",
  );
}

export function decodeStats(value: unknown): { bucket: StatsBucket; points: StatsPoint[] } {
  const o = obj(value, "stats");
  return {
    bucket: str(o, "bucket") === "hour" ? "hour" : "day",
    points: list(
      o.points,
      (v) => {
        const p = obj(v, "point");
        return {
          startsAt: big(p, "startsAt"),
          unitsSold: big(p, "unitsSold"),
          revenueWei: big(p, "revenueWei"),
          purchaseCount: big(p, "purchaseCount"),
        };
      },
      "points",
    ),
  };
}

export function decodeUnsignedTransaction(value: unknown): UnsignedTransaction {
  const o = obj(value, "transaction");
  const data = str(o, "data");
  if (!/^0x([0-9a-fA-F]{2})*$/.test(data)) throw new UnexpectedAnswerError("data");
  return { to: addr(o, "to"), data: data as `0x${string}` };
}

export type RelayAnswer = { hash: string; status: "success" | "reverted" | "pending"; blockNumber: bigint | null };

export function decodeRelayAnswer(value: unknown): RelayAnswer {
  const o = obj(value, "relay");
  const s = str(o, "status");
  if (s !== "success" && s !== "reverted" && s !== "pending") throw new UnexpectedAnswerError("status");
  return { hash: str(o, "hash"), status: s, blockNumber: bigOrNull(o, "blockNumber") };
}

export type ReceiptAnswer = { status: "success" | "reverted"; blockNumber: bigint; indexed: boolean };

export function decodeReceipt(value: unknown): ReceiptAnswer {
  const o = obj(value, "receipt");
  return {
    status: str(o, "status") === "success" ? "success" : "reverted",
    blockNumber: big(o, "blockNumber"),
    indexed: bool(o, "indexed"),
  };
}

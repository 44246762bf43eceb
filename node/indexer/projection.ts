// The one reducer: D-REX events in chain order in, projection rows out. Both store backends hold what it computes.
// It keeps the whole projection state in memory (loaded from the store at start) and remembers which rows each batch
// changed, so a commit writes only those, in full.
import type { DecodeEventLogReturnType } from "viem";
import type { GeneratorAbi } from "../../sdk/abi/Generator.ts";
import type { MarketplaceAbi } from "../../sdk/abi/Marketplace.ts";
import type { SolarTokenAbi } from "../../sdk/abi/SolarToken.ts";
import {
  type CreditRecord,
  type GeneratorRecord,
  type HoldingRecord,
  NETWORK_SCOPE,
  type PricePoint,
  type ProjectionRows,
  type RebuiltProjections,
  type SolarBalanceRecord,
  STATS_BUCKET_SECONDS,
  type StatsBucketRecord,
} from "../store/Store.ts";
import type { ActivityRow, BidRow, ContributionRow, RequestRow, Totals } from "../store/views.ts";
import { allocatedShares } from "./shareAllocation.ts";

type MarketplaceEvent = DecodeEventLogReturnType<typeof MarketplaceAbi>;
type GeneratorEvent = DecodeEventLogReturnType<typeof GeneratorAbi>;
type TokenEvent = DecodeEventLogReturnType<typeof SolarTokenAbi>;

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

export type ProjectionConfig = {
  /** The marketplace's acceptance period: how long after bidding closes the creator may accept a bid. */
  acceptancePeriodSeconds: bigint;
};

/** The events contradict what the projection knows: a bug here or an address that is not a D-REX deployment. */
export class ProjectionError extends Error {
  override name = "ProjectionError";
  readonly eventId: bigint;
  constructor(eventId: bigint, message: string) {
    super(`event ${eventId}: ${message}`);
    this.eventId = eventId;
  }
}

/** PriceVote.average: rounded down, 0 when nobody votes. */
function averagePrice(generator: GeneratorRecord): bigint {
  return generator.votingShares === 0n ? 0n : generator.weightedPriceSum / generator.votingShares;
}

const emptyTotals = (): Totals => ({
  requestCount: 0n,
  generatorCount: 0n,
  activeGeneratorCount: 0n,
  raisedWei: 0n,
  unitsSold: 0n,
  revenueWei: 0n,
  claimedWei: 0n,
  eventCount: 0n,
});

export class Projection {
  private readonly config: ProjectionConfig;
  private readonly requests = new Map<bigint, RequestRow>();
  private readonly bids = new Map<bigint, BidRow>();
  private readonly contributions = new Map<string, ContributionRow>();
  private readonly contributionsByRequest = new Map<bigint, ContributionRow[]>();
  private readonly generators = new Map<string, GeneratorRecord>();
  /** Lower-case addresses of every generator created so far: whose logs the indexer keeps. */
  private readonly generatorAddresses = new Set<string>();
  private readonly holdings = new Map<string, HoldingRecord>();
  private readonly credits = new Map<string, CreditRecord>();
  private readonly balances = new Map<string, SolarBalanceRecord>();
  /** The newest stats bucket of each scope and length, by `scope|bucketSeconds`. */
  private readonly openBuckets = new Map<string, StatsBucketRecord>();
  private totals: Totals = emptyTotals();

  private readonly dirtyRequests = new Set<RequestRow>();
  private readonly dirtyBids = new Set<BidRow>();
  private readonly dirtyContributions = new Set<ContributionRow>();
  private readonly dirtyGenerators = new Set<GeneratorRecord>();
  private readonly dirtyHoldings = new Set<HoldingRecord>();
  private readonly dirtyCredits = new Set<CreditRecord>();
  private readonly dirtyBalances = new Set<SolarBalanceRecord>();
  private readonly dirtyBuckets = new Set<StatsBucketRecord>();
  private totalsDirty = false;
  private newPrices: PricePoint[] = [];

  constructor(config: ProjectionConfig, rows?: ProjectionRows) {
    this.config = config;
    if (rows === undefined) return;
    for (const r of rows.requests) this.requests.set(r.requestId, { ...r });
    for (const b of rows.bids) this.bids.set(b.bidId, { ...b });
    for (const c of rows.contributions) this.addContribution({ ...c });
    for (const g of rows.generators) {
      this.generators.set(g.address, { ...g });
      this.generatorAddresses.add(g.address.toLowerCase());
    }
    for (const h of rows.holdings) this.holdings.set(`${h.generator}|${h.owner}`, { ...h });
    for (const c of rows.credits) this.credits.set(`${c.generator}|${c.account}`, { ...c });
    for (const b of rows.solarBalances) this.balances.set(b.account, { ...b });
    for (const b of rows.statsBuckets) this.openBuckets.set(`${b.scope}|${b.bucketSeconds}`, { ...b });
    if (rows.totals !== null) this.totals = { ...rows.totals };
  }

  isGenerator(lowerCaseAddress: string): boolean {
    return this.generatorAddresses.has(lowerCaseAddress);
  }

  get eventCount(): bigint {
    return this.totals.eventCount;
  }

  /** Applies one event; events must come in (block, log index) order. */
  apply(event: ActivityRow): void {
    this.totals.eventCount += 1n;
    this.totalsDirty = true;
    switch (event.contract) {
      case "marketplace":
        this.onMarketplace(event, event as unknown as MarketplaceEvent);
        break;
      case "generator":
        this.onGenerator(event, event as unknown as GeneratorEvent);
        break;
      case "token":
        this.onToken(event as unknown as TokenEvent);
        break;
      case "sale":
        // The sale's own events only feed the activity list; its token movements arrive as token Transfers.
        break;
    }
  }

  /** The rows changed since the last call, copied, and the price changes; forgets them. */
  takeChanges(): RebuiltProjections {
    const copy = <T extends object>(rows: Set<T>): T[] => {
      const out = Array.from(rows, (row) => ({ ...row }));
      rows.clear();
      return out;
    };
    const rows: ProjectionRows = {
      requests: copy(this.dirtyRequests),
      bids: copy(this.dirtyBids),
      contributions: copy(this.dirtyContributions),
      generators: copy(this.dirtyGenerators),
      holdings: copy(this.dirtyHoldings),
      credits: copy(this.dirtyCredits),
      solarBalances: copy(this.dirtyBalances),
      statsBuckets: copy(this.dirtyBuckets),
      totals: this.totalsDirty ? { ...this.totals } : null,
    };
    this.totalsDirty = false;
    const priceHistory = this.newPrices;
    this.newPrices = [];
    return { rows, priceHistory };
  }

  // ---------------------------------------------------------------- marketplace

  private onMarketplace(row: ActivityRow, event: MarketplaceEvent): void {
    switch (event.eventName) {
      case "RequestCreated": {
        const a = event.args;
        const request: RequestRow = {
          requestId: a.requestId,
          creator: a.creator,
          location: a.location,
          wattageW: a.wattageW,
          reason: a.reason,
          utilityKind: a.utilityKind,
          unit: a.unit,
          createdAt: row.timestamp,
          biddingEndsAt: a.biddingEndsAt,
          acceptanceEndsAt: a.biddingEndsAt + this.config.acceptancePeriodSeconds,
          phase: "Bidding",
          acceptedBidId: null,
          provider: null,
          targetWei: null,
          raisedWei: 0n,
          refundedWei: 0n,
          financingDeadline: null,
          financierCount: 0n,
          generator: null,
          activationDeadline: null,
          transactionHash: row.transactionHash,
        };
        this.requests.set(request.requestId, request);
        this.dirtyRequests.add(request);
        this.totals.requestCount += 1n;
        return;
      }
      case "BidPlaced": {
        const a = event.args;
        this.request(row, a.requestId);
        const bid: BidRow = {
          bidId: a.bidId,
          requestId: a.requestId,
          provider: a.provider,
          unitType: a.unitType,
          installationCostWei: a.installationCostWei,
          installationSeconds: BigInt(a.installationSeconds),
          insurance: a.insurance,
          withdrawn: false,
          accepted: false,
          placedAt: row.timestamp,
          transactionHash: row.transactionHash,
        };
        this.bids.set(bid.bidId, bid);
        this.dirtyBids.add(bid);
        return;
      }
      case "BidWithdrawnByProvider": {
        const bid = this.bid(row, event.args.bidId);
        bid.withdrawn = true;
        this.dirtyBids.add(bid);
        return;
      }
      case "RequestCancelled": {
        const request = this.request(row, event.args.requestId);
        request.phase = "Cancelled";
        this.dirtyRequests.add(request);
        return;
      }
      case "BidAccepted": {
        const a = event.args;
        const request = this.request(row, a.requestId);
        const bid = this.bid(row, a.bidId);
        request.phase = "Financing";
        request.acceptedBidId = a.bidId;
        request.provider = a.provider;
        request.targetWei = a.targetWei;
        request.financingDeadline = a.financingDeadline;
        bid.accepted = true;
        this.dirtyRequests.add(request);
        this.dirtyBids.add(bid);
        return;
      }
      case "Contributed": {
        const a = event.args;
        const request = this.request(row, a.requestId);
        let contribution = this.contributions.get(`${a.requestId}|${a.financier}`);
        if (contribution === undefined) {
          // The marketplace numbers financiers by their first contribution: the share allocation's tie-break.
          request.financierCount += 1n;
          contribution = {
            requestId: a.requestId,
            financier: a.financier,
            amountWei: 0n,
            refundedWei: 0n,
            order: request.financierCount,
          };
          this.addContribution(contribution);
        }
        contribution.amountWei += a.amountWei;
        request.raisedWei = a.raisedWei;
        this.totals.raisedWei += a.amountWei;
        this.dirtyContributions.add(contribution);
        this.dirtyRequests.add(request);
        return;
      }
      case "GeneratorCreated": {
        const a = event.args;
        const request = this.request(row, a.requestId);
        if (request.targetWei === null || request.provider === null) {
          throw new ProjectionError(row.id, `generator created for request ${a.requestId}, which accepted no bid`);
        }
        request.phase = "Funded";
        request.generator = a.generator;
        request.activationDeadline = a.activationDeadline;
        const generator: GeneratorRecord = {
          address: a.generator,
          requestId: a.requestId,
          consumer: request.creator,
          provider: request.provider,
          targetWei: request.targetWei,
          dustShares: BigInt(a.dustShares),
          financierCount: BigInt(a.financierCount),
          deviceId: null,
          deviceKey: null,
          active: false,
          activatedAt: null,
          activationDeadline: a.activationDeadline,
          priceWeiPerUnit: 0n,
          unitsSold: 0n,
          purchaseCount: 0n,
          usageMilliUnits: 0n,
          revenueWei: 0n,
          claimedWei: 0n,
          ownerCount: 0n,
          voterCount: 0n,
          votingShares: 0n,
          weightedPriceSum: 0n,
        };
        this.generators.set(generator.address, generator);
        this.generatorAddresses.add(generator.address.toLowerCase());
        // Every financier owns their allocation from this moment, though the generator writes it only on their
        // first action (a Transfer from the zero address that must not count twice).
        for (const contribution of this.contributionsByRequest.get(a.requestId) ?? []) {
          const shares = this.allocation(generator, contribution);
          if (shares === 0n) continue;
          const holding = this.holding(generator.address, contribution.financier, false);
          this.setShares(generator, holding, shares);
        }
        this.dirtyGenerators.add(generator);
        this.dirtyRequests.add(request);
        this.totals.generatorCount += 1n;
        return;
      }
      case "Refunded": {
        const a = event.args;
        const request = this.request(row, a.requestId);
        const contribution = this.contributions.get(`${a.requestId}|${a.financier}`);
        if (contribution === undefined) {
          throw new ProjectionError(row.id, `refund to ${a.financier}, who never funded request ${a.requestId}`);
        }
        contribution.refundedWei += a.amountWei;
        request.raisedWei -= a.amountWei;
        request.refundedWei += a.amountWei;
        this.totals.raisedWei -= a.amountWei;
        this.dirtyContributions.add(contribution);
        this.dirtyRequests.add(request);
        // A refund after failed activation shrinks the allocation of a financier the generator never wrote down:
        // its balanceOf reads the contribution left, which is now nothing.
        const generator = request.generator === null ? undefined : this.generators.get(request.generator);
        if (generator !== undefined) {
          const holding = this.holdings.get(`${generator.address}|${a.financier}`);
          if (holding !== undefined && !holding.materialized) {
            this.setShares(generator, holding, this.allocation(generator, contribution));
          }
        }
        return;
      }
      case "EscrowReleased": {
        const request = this.request(row, event.args.requestId);
        request.phase = "Active";
        this.dirtyRequests.add(request);
        return;
      }
    }
  }

  // ---------------------------------------------------------------- generators

  private onGenerator(row: ActivityRow, event: GeneratorEvent): void {
    const generator = this.generators.get(row.address);
    if (generator === undefined) throw new ProjectionError(row.id, `event from unknown generator ${row.address}`);
    switch (event.eventName) {
      case "DeviceRegistered":
        generator.deviceId = event.args.deviceId;
        generator.deviceKey = event.args.deviceKey;
        break;
      case "Activated":
        generator.active = true;
        generator.activatedAt = row.timestamp;
        this.totals.activeGeneratorCount += 1n;
        break;
      case "PriceVoted": {
        const holding = this.holding(generator.address, event.args.owner, true);
        if (holding.voted) {
          generator.weightedPriceSum -= holding.shares * (holding.votePriceWeiPerUnit ?? 0n);
        } else {
          generator.voterCount += 1n;
          generator.votingShares += holding.shares;
        }
        generator.weightedPriceSum += holding.shares * event.args.priceWeiPerUnit;
        holding.materialized = true;
        holding.voted = true;
        holding.votePriceWeiPerUnit = event.args.priceWeiPerUnit;
        this.dirtyHoldings.add(holding);
        this.priceChanged(row, generator, event.args.averagePriceWeiPerUnit);
        break;
      }
      case "VoteWithdrawn": {
        // Also emitted when an owner transfers away every share, just before that Transfer: the whole stake leaves.
        const holding = this.holding(generator.address, event.args.owner, true);
        if (holding.voted) {
          generator.voterCount -= 1n;
          generator.votingShares -= holding.shares;
          generator.weightedPriceSum -= holding.shares * (holding.votePriceWeiPerUnit ?? 0n);
        }
        holding.voted = false;
        holding.votePriceWeiPerUnit = null;
        this.dirtyHoldings.add(holding);
        this.priceChanged(row, generator, event.args.averagePriceWeiPerUnit);
        break;
      }
      case "EnergyPurchased": {
        const a = event.args;
        this.setCredit(generator, a.buyer, a.creditMilliUnits);
        generator.unitsSold += a.units;
        generator.purchaseCount += 1n;
        this.totals.unitsSold += a.units;
        this.addToStats(row, generator, { unitsSold: a.units, purchaseCount: 1n, revenueWei: 0n });
        break;
      }
      case "UsageReported":
        this.setCredit(generator, event.args.consumer, event.args.creditMilliUnits);
        generator.usageMilliUnits += event.args.milliUnits;
        break;
      case "RevenueReceived":
        generator.revenueWei = event.args.cumulativeRevenueWei;
        this.totals.revenueWei += event.args.amountWei;
        this.addToStats(row, generator, { unitsSold: 0n, purchaseCount: 0n, revenueWei: event.args.amountWei });
        break;
      case "RevenueClaimed": {
        const holding = this.holding(generator.address, event.args.owner, true);
        holding.materialized = true;
        holding.claimedWei += event.args.amountWei;
        generator.claimedWei += event.args.amountWei;
        this.totals.claimedWei += event.args.amountWei;
        this.dirtyHoldings.add(holding);
        break;
      }
      case "Transfer":
        this.onShareTransfer(row, generator, event.args.from, event.args.to, event.args.value);
        break;
      case "Approval":
        return;
    }
    this.dirtyGenerators.add(generator);
  }

  private onShareTransfer(row: ActivityRow, generator: GeneratorRecord, from: string, to: string, value: bigint) {
    if (from === ZERO_ADDRESS) {
      // The generator writing down an allocation this projection already counted: check it, count nothing.
      const holding = this.holdings.get(`${generator.address}|${to}`);
      if (holding === undefined || holding.materialized || holding.shares !== value) {
        throw new ProjectionError(
          row.id,
          `generator ${generator.address} wrote ${value} shares for ${to}, expected ${holding?.materialized ? "none" : (holding?.shares ?? 0n)}`,
        );
      }
      holding.materialized = true;
      this.dirtyHoldings.add(holding);
      return;
    }
    const sender = this.holding(generator.address, from, true);
    const receiver = this.holding(generator.address, to, true);
    // Moving shares writes both accounts down on-chain, an allocation of nothing included.
    sender.materialized = true;
    receiver.materialized = true;
    this.dirtyHoldings.add(sender);
    this.dirtyHoldings.add(receiver);
    if (sender === receiver) return;
    if (sender.shares < value) {
      throw new ProjectionError(
        row.id,
        `${from} transferred ${value} shares of ${generator.address} but holds ${sender.shares}`,
      );
    }
    this.setShares(generator, sender, sender.shares - value);
    this.setShares(generator, receiver, receiver.shares + value);
    // The vote weights follow the shares, so a transfer between voters with different prices moves the price
    // without any vote event.
    if (sender.voted || receiver.voted) {
      if (sender.voted) {
        generator.votingShares -= value;
        generator.weightedPriceSum -= value * (sender.votePriceWeiPerUnit ?? 0n);
      }
      if (receiver.voted) {
        generator.votingShares += value;
        generator.weightedPriceSum += value * (receiver.votePriceWeiPerUnit ?? 0n);
      }
      const average = averagePrice(generator);
      if (average !== generator.priceWeiPerUnit) this.priceChanged(row, generator, average, false);
    }
  }

  // ---------------------------------------------------------------- token

  private onToken(event: TokenEvent): void {
    if (event.eventName !== "Transfer") return;
    const { from, to, value } = event.args;
    if (from !== ZERO_ADDRESS) this.addBalance(from, -value);
    if (to !== ZERO_ADDRESS) this.addBalance(to, value);
  }

  // ---------------------------------------------------------------- helpers

  private request(row: ActivityRow, requestId: bigint): RequestRow {
    const request = this.requests.get(requestId);
    if (request === undefined) throw new ProjectionError(row.id, `unknown request ${requestId}`);
    return request;
  }

  private bid(row: ActivityRow, bidId: bigint): BidRow {
    const bid = this.bids.get(bidId);
    if (bid === undefined) throw new ProjectionError(row.id, `unknown bid ${bidId}`);
    return bid;
  }

  private addContribution(contribution: ContributionRow): void {
    this.contributions.set(`${contribution.requestId}|${contribution.financier}`, contribution);
    const list = this.contributionsByRequest.get(contribution.requestId);
    if (list === undefined) this.contributionsByRequest.set(contribution.requestId, [contribution]);
    else list.push(contribution);
  }

  private allocation(generator: GeneratorRecord, contribution: ContributionRow): bigint {
    return allocatedShares({
      contributionWei: contribution.amountWei - contribution.refundedWei,
      order: contribution.order,
      targetWei: generator.targetWei,
      dustShares: generator.dustShares,
    });
  }

  /** The holding, created empty when absent; `materialized` is what a new one starts as. */
  private holding(generator: string, owner: string, materialized: boolean): HoldingRecord {
    const key = `${generator}|${owner}`;
    let holding = this.holdings.get(key);
    if (holding === undefined) {
      holding = {
        generator: generator as HoldingRecord["generator"],
        owner: owner as HoldingRecord["owner"],
        shares: 0n,
        voted: false,
        votePriceWeiPerUnit: null,
        claimedWei: 0n,
        materialized,
      };
      this.holdings.set(key, holding);
      this.dirtyHoldings.add(holding);
    }
    return holding;
  }

  private setShares(generator: GeneratorRecord, holding: HoldingRecord, shares: bigint): void {
    if (holding.shares === 0n && shares > 0n) generator.ownerCount += 1n;
    if (holding.shares > 0n && shares === 0n) generator.ownerCount -= 1n;
    holding.shares = shares;
    this.dirtyHoldings.add(holding);
    this.dirtyGenerators.add(generator);
  }

  private setCredit(generator: GeneratorRecord, account: string, creditMilliUnits: bigint): void {
    const key = `${generator.address}|${account}`;
    let credit = this.credits.get(key);
    if (credit === undefined) {
      credit = { generator: generator.address, account: account as CreditRecord["account"], creditMilliUnits };
      this.credits.set(key, credit);
    }
    credit.creditMilliUnits = creditMilliUnits;
    this.dirtyCredits.add(credit);
  }

  private addBalance(account: string, deltaWei: bigint): void {
    let balance = this.balances.get(account);
    if (balance === undefined) {
      balance = { account: account as SolarBalanceRecord["account"], balanceWei: 0n };
      this.balances.set(account, balance);
    }
    balance.balanceWei += deltaWei;
    this.dirtyBalances.add(balance);
  }

  /** Adds to the hour and day buckets the event falls in, the network's and the generator's. */
  private addToStats(
    row: ActivityRow,
    generator: GeneratorRecord,
    added: Pick<StatsBucketRecord, "unitsSold" | "purchaseCount" | "revenueWei">,
  ): void {
    for (const scope of [NETWORK_SCOPE, generator.address]) {
      for (const bucketSeconds of Object.values(STATS_BUCKET_SECONDS)) {
        const startsAt = row.timestamp - (row.timestamp % bucketSeconds);
        const key = `${scope}|${bucketSeconds}`;
        let bucket = this.openBuckets.get(key);
        if (bucket !== undefined && bucket.startsAt > startsAt) {
          throw new ProjectionError(
            row.id,
            `block time ${row.timestamp} is before the stats bucket ${bucket.startsAt}`,
          );
        }
        if (bucket === undefined || bucket.startsAt < startsAt) {
          bucket = { scope, bucketSeconds, startsAt, unitsSold: 0n, revenueWei: 0n, purchaseCount: 0n };
          this.openBuckets.set(key, bucket);
        }
        bucket.unitsSold += added.unitsSold;
        bucket.purchaseCount += added.purchaseCount;
        bucket.revenueWei += added.revenueWei;
        this.dirtyBuckets.add(bucket);
      }
    }
  }

  /** Records a new price; `announced` prices (from a vote event) must equal the one computed from the stakes. */
  private priceChanged(row: ActivityRow, generator: GeneratorRecord, priceWeiPerUnit: bigint, announced = true): void {
    if (announced && averagePrice(generator) !== priceWeiPerUnit) {
      throw new ProjectionError(
        row.id,
        `${generator.address} announced price ${priceWeiPerUnit}, but its voters' stakes give ${averagePrice(generator)}`,
      );
    }
    generator.priceWeiPerUnit = priceWeiPerUnit;
    this.newPrices.push({
      generator: generator.address,
      blockNumber: row.blockNumber,
      logIndex: row.logIndex,
      timestamp: row.timestamp,
      priceWeiPerUnit,
    });
  }
}

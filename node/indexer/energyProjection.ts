// The energy reducer (MX1–MX9): energy events in chain order in, energy index rows out. Like projection.ts it keeps
// the rows later events change in memory (loaded from the store at start) and remembers which rows each batch
// changed; histories (device events, votes, swaps, checkpoints, roots) are only ever added, so it writes them once.
import { type Address, getAddress, type Hex, keccak256, stringToHex } from "viem";
import type { EnergyAddresses } from "../../sdk/energy/deployEnergy.ts";
import {
  type DaoCheckpointKind,
  type DaoCheckpointRecord,
  type DeviceEventKind,
  type DeviceKind,
  type DeviceRecord,
  type DeviceStatus,
  type EnergyEventRow,
  type EnergyRows,
  type EnergyState,
  emptyEnergyRows,
  type LedgerRecord,
  type MemberRecord,
  type PaymentRecord,
  type PoolRecord,
  type ProposalRecord,
  type StorageHoldingRecord,
  type StoreRequestRecord,
  type TakeOutRecord,
  type TokenBalanceRecord,
  type VoteSupport,
} from "../store/energyViews.ts";
import { ProjectionError } from "./projection.ts";
import { decodeActions, subjectOf } from "./proposalActions.ts";

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
const DEVICE_KINDS: DeviceKind[] = ["generator", "storageNode", "meter"];
const VOTE_SUPPORT: VoteSupport[] = ["against", "for", "abstain"];

type Args = Record<string, unknown>;
const big = (args: Args, name: string): bigint => BigInt(args[name] as bigint | number);
const num = (args: Args, name: string): number => Number(args[name]);
const str = (args: Args, name: string): string => args[name] as string;
const addr = (args: Args, name: string): Address => args[name] as Address;

export class EnergyProjection {
  private readonly energy: EnergyAddresses | null;
  private readonly devices = new Map<bigint, DeviceRecord>();
  private readonly members = new Map<string, MemberRecord>();
  private readonly proposals = new Map<bigint, ProposalRecord>();
  private readonly payments = new Map<bigint, PaymentRecord>();
  private readonly ledgers = new Map<bigint, LedgerRecord>();
  private readonly stores = new Map<bigint, StoreRequestRecord>();
  private readonly takeOuts = new Map<bigint, TakeOutRecord>();
  private readonly holdings = new Map<string, StorageHoldingRecord>();
  private readonly pools = new Map<string, PoolRecord>();
  private readonly balances = new Map<string, TokenBalanceRecord>();

  private readonly dirty = new Map<keyof EnergyRows, Set<object>>();

  constructor(energy: EnergyAddresses | null, state?: EnergyState) {
    this.energy = energy;
    if (state === undefined) return;
    for (const d of state.devices) this.devices.set(d.deviceId, { ...d });
    for (const m of state.members) this.members.set(m.member, { ...m });
    for (const p of state.proposals) this.proposals.set(p.proposalId, { ...p });
    for (const p of state.payments) this.payments.set(p.requestId, { ...p });
    for (const l of state.ledgers) this.ledgers.set(l.deviceId, { ...l });
    for (const s of state.storeRequests) this.stores.set(s.storeId, { ...s });
    for (const t of state.takeOuts) this.takeOuts.set(t.takeOutId, { ...t });
    for (const h of state.storageHoldings) this.holdings.set(`${h.nodeId}|${h.depositorId}`, { ...h });
    for (const p of state.pools) this.pools.set(p.address.toLowerCase(), { ...p });
    for (const b of state.tokenBalances) this.balances.set(`${b.token}|${b.account}`, { ...b });
  }

  /** Lower-case addresses of the pools the factory created: whose logs the indexer keeps. */
  isPool(lowerCaseAddress: string): boolean {
    return this.pools.has(lowerCaseAddress);
  }

  /** The rows changed since the last call, copied; forgets them. */
  takeChanges(): EnergyRows {
    const rows = emptyEnergyRows();
    for (const [field, set] of this.dirty) {
      (rows[field] as object[]) = Array.from(set, (row) => ({ ...row }));
      set.clear();
    }
    return rows;
  }

  private touch<K extends keyof EnergyRows>(field: K, row: EnergyRows[K][number]): void {
    let set = this.dirty.get(field);
    if (set === undefined) {
      set = new Set();
      this.dirty.set(field, set);
    }
    set.add(row as object);
  }

  /** Applies one event; events must come in (block, log index) order. */
  apply(event: EnergyEventRow): void {
    switch (event.contract) {
      case "membership":
        return this.onMembership(event);
      case "dao":
        return this.onDao(event);
      case "deviceRegistry":
        return this.onDevice(event);
      case "readingCommitments":
        return this.onRoot(event);
      case "energyPayments":
        return this.onPayment(event);
      case "storageNode":
        return this.onStorage(event);
      case "poolFactory":
        return this.onPoolCreated(event);
      case "pool":
        return this.onPool(event);
      case "energyToken":
      case "rewardToken":
        return this.onTransfer(event.address, event.args);
    }
  }

  // ---------------------------------------------------------------- membership and the DAO

  private checkpoint(event: EnergyEventRow, kind: DaoCheckpointKind, value: bigint): void {
    const record: DaoCheckpointRecord = { id: event.id, kind, timestamp: event.timestamp, value };
    this.touch("daoCheckpoints", record);
  }

  private onMembership(event: EnergyEventRow): void {
    const a = event.args;
    const member = addr(a, "member");
    let record = this.members.get(member);
    if (event.eventName === "MemberAdded") {
      record ??= { member, active: true, addedAt: event.timestamp, removedAt: null };
      record.active = true;
      record.addedAt = event.timestamp;
      record.removedAt = null;
    } else {
      if (record === undefined) throw new ProjectionError(event.id, `${member} removed but never added`);
      record.active = false;
      record.removedAt = event.timestamp;
    }
    this.members.set(member, record);
    this.touch("members", record);
    this.checkpoint(event, "memberCount", big(a, "memberCount"));
  }

  private onDao(event: EnergyEventRow): void {
    const a = event.args;
    switch (event.eventName) {
      case "QuorumNumeratorUpdated":
        return this.checkpoint(event, "quorumNumerator", big(a, "newQuorumNumerator"));
      case "VotingDelaySet":
        return this.checkpoint(event, "votingDelay", big(a, "newVotingDelay"));
      case "VotingPeriodSet":
        return this.checkpoint(event, "votingPeriod", big(a, "newVotingPeriod"));
      case "ProposalCreated": {
        const targets = (a.targets as string[]).map((t) => getAddress(t));
        const calldatas = a.calldatas as Hex[];
        const description = str(a, "description");
        const subject = subjectOf(decodeActions(this.energy, targets, calldatas));
        const proposal: ProposalRecord = {
          proposalId: big(a, "proposalId"),
          proposer: addr(a, "proposer"),
          description,
          descriptionHash: keccak256(stringToHex(description)),
          targets: JSON.stringify(targets),
          values: JSON.stringify((a.values as bigint[]).map(String)),
          calldatas: JSON.stringify(calldatas),
          voteStart: big(a, "voteStart"),
          voteEnd: big(a, "voteEnd"),
          forVotes: 0n,
          againstVotes: 0n,
          abstainVotes: 0n,
          executed: false,
          canceled: false,
          createdAt: event.timestamp,
          blockNumber: event.blockNumber,
          transactionHash: event.transactionHash,
          subjectKind: subject?.kind ?? null,
          subjectId: subject?.id ?? null,
        };
        this.proposals.set(proposal.proposalId, proposal);
        this.touch("proposals", proposal);
        return;
      }
      case "VoteCast":
      case "VoteCastWithParams": {
        const proposal = this.proposal(event, big(a, "proposalId"));
        const support = VOTE_SUPPORT[num(a, "support")];
        if (support === undefined) throw new ProjectionError(event.id, `vote support ${a.support}`);
        const weight = big(a, "weight");
        if (support === "for") proposal.forVotes += weight;
        else if (support === "against") proposal.againstVotes += weight;
        else proposal.abstainVotes += weight;
        this.touch("proposals", proposal);
        this.touch("votes", {
          id: event.id,
          proposalId: proposal.proposalId,
          voter: addr(a, "voter"),
          support,
          weight,
          reason: str(a, "reason"),
          timestamp: event.timestamp,
          transactionHash: event.transactionHash,
        });
        return;
      }
      case "ProposalExecuted":
      case "ProposalCanceled": {
        const proposal = this.proposal(event, big(a, "proposalId"));
        if (event.eventName === "ProposalExecuted") proposal.executed = true;
        else proposal.canceled = true;
        this.touch("proposals", proposal);
        return;
      }
    }
  }

  private proposal(event: EnergyEventRow, proposalId: bigint): ProposalRecord {
    const proposal = this.proposals.get(proposalId);
    if (proposal === undefined) throw new ProjectionError(event.id, `unknown proposal ${proposalId}`);
    return proposal;
  }

  // ---------------------------------------------------------------- devices

  private onDevice(event: EnergyEventRow): void {
    const a = event.args;
    const deviceId = big(a, "deviceId");
    const dao = this.energy === null ? null : getAddress(this.energy.dao);
    if (event.eventName === "DeviceApplied") {
      const kind = DEVICE_KINDS[num(a, "kind")];
      if (kind === undefined) throw new ProjectionError(event.id, `device kind ${a.kind}`);
      const device: DeviceRecord = {
        deviceId,
        operator: addr(a, "operator"),
        key: addr(a, "key"),
        keys: JSON.stringify([addr(a, "key")]),
        kind,
        status: "applied",
        ratedPowerW: big(a, "ratedPowerW"),
        maxLossBps: num(a, "maxLossBps"),
        location: str(a, "location"),
        poolData: str(a, "poolData"),
        hardwareStatus: str(a, "hardwareStatus"),
        appliedAt: event.timestamp,
        updatedAt: event.timestamp,
        statusReason: null,
      };
      this.devices.set(deviceId, device);
      this.touch("devices", device);
      this.history(event, deviceId, "applied", device.operator, {
        key: device.key,
        kind,
        ratedPowerW: device.ratedPowerW.toString(),
        maxLossBps: String(device.maxLossBps),
        location: device.location,
        poolData: device.poolData,
        hardwareStatus: device.hardwareStatus,
      });
      return;
    }
    const device = this.device(event, deviceId);
    const setStatus = (status: DeviceStatus, kind: DeviceEventKind, reason: string | null) => {
      device.status = status;
      device.statusReason = reason;
      this.history(event, deviceId, kind, dao, reason === null ? {} : { reason });
    };
    switch (event.eventName) {
      case "DeviceApproved":
        setStatus("active", "approved", null);
        break;
      case "DeviceRejected":
        setStatus("rejected", "rejected", str(a, "reason"));
        break;
      case "DeviceSuspended":
        setStatus("suspended", "suspended", str(a, "reason"));
        break;
      case "DeviceReinstated":
        setStatus("active", "reinstated", null);
        break;
      case "DeviceRevoked":
        setStatus("revoked", "revoked", str(a, "reason"));
        break;
      case "AttributesUpdated":
        device.poolData = str(a, "poolData");
        device.hardwareStatus = str(a, "hardwareStatus");
        this.history(event, deviceId, "attributesUpdated", addr(a, "by"), {
          poolData: device.poolData,
          hardwareStatus: device.hardwareStatus,
        });
        break;
      case "RatingsUpdated":
        device.ratedPowerW = big(a, "ratedPowerW");
        device.maxLossBps = num(a, "maxLossBps");
        this.history(event, deviceId, "ratingsUpdated", dao, {
          ratedPowerW: device.ratedPowerW.toString(),
          maxLossBps: String(device.maxLossBps),
        });
        break;
      case "DeviceKeyChanged": {
        const key = addr(a, "key");
        device.key = key;
        const keys = JSON.parse(device.keys) as string[];
        if (!keys.includes(key)) keys.push(key);
        device.keys = JSON.stringify(keys);
        this.history(event, deviceId, "keyChanged", dao, { previousKey: addr(a, "previousKey"), key });
        break;
      }
    }
    device.updatedAt = event.timestamp;
    this.touch("devices", device);
  }

  private device(event: EnergyEventRow, deviceId: bigint): DeviceRecord {
    const device = this.devices.get(deviceId);
    if (device === undefined) throw new ProjectionError(event.id, `unknown device ${deviceId}`);
    return device;
  }

  private history(
    event: EnergyEventRow,
    deviceId: bigint,
    kind: DeviceEventKind,
    by: Address | null,
    details: Record<string, string>,
  ): void {
    this.touch("deviceEvents", {
      id: event.id,
      deviceId,
      kind,
      blockNumber: event.blockNumber,
      timestamp: event.timestamp,
      transactionHash: event.transactionHash,
      by,
      details: JSON.stringify(details),
    });
  }

  private onRoot(event: EnergyEventRow): void {
    const a = event.args;
    this.touch("readingRoots", {
      periodId: big(a, "periodId"),
      root: a.root as Hex,
      readingCount: big(a, "readingCount"),
      committer: addr(a, "committer"),
      committedAt: event.timestamp,
      transactionHash: event.transactionHash,
    });
  }

  // ---------------------------------------------------------------- payments

  private ledger(deviceId: bigint): LedgerRecord {
    let ledger = this.ledgers.get(deviceId);
    if (ledger === undefined) {
      ledger = { deviceId, lastPaidPeriod: 0, nextRootPeriodId: 0n, paidWh: 0n, approvedCount: 0n, requestCount: 0n };
      this.ledgers.set(deviceId, ledger);
    }
    this.touch("ledgers", ledger);
    return ledger;
  }

  private onPayment(event: EnergyEventRow): void {
    const a = event.args;
    switch (event.eventName) {
      case "RewardParametersSet":
        this.touch("rewardParameters", {
          id: 1,
          rewardWeiPerWh: big(a, "rewardWeiPerWh"),
          poolBps: num(a, "poolBps"),
          vaultBps: num(a, "vaultBps"),
          poolRecipient: addr(a, "poolRecipient"),
          vault: addr(a, "vault"),
        });
        return;
      case "PaymentRequested": {
        const payment: PaymentRecord = {
          requestId: big(a, "requestId"),
          deviceId: big(a, "deviceId"),
          operator: addr(a, "operator"),
          period: num(a, "period"),
          firstRootPeriodId: big(a, "firstRootPeriodId"),
          lastRootPeriodId: big(a, "lastRootPeriodId"),
          sentWh: big(a, "sentWh"),
          readingCount: big(a, "readingCount"),
          gaps: big(a, "gaps"),
          uptimeBps: num(a, "uptimeBps"),
          lossWh: big(a, "lossWh"),
          status: "pending",
          refusalReason: null,
          requestedAt: event.timestamp,
          decidedAt: null,
          energyWei: null,
          operatorRewardWei: null,
          poolRewardWei: null,
          vaultRewardWei: null,
          transactionHash: event.transactionHash,
        };
        this.payments.set(payment.requestId, payment);
        this.touch("payments", payment);
        this.ledger(payment.deviceId).requestCount += 1n;
        return;
      }
      case "PaymentApproved": {
        const payment = this.payment(event, big(a, "requestId"));
        payment.status = "approved";
        payment.decidedAt = event.timestamp;
        payment.energyWei = big(a, "energyWei");
        payment.operatorRewardWei = big(a, "operatorRewardWei");
        payment.poolRewardWei = big(a, "poolRewardWei");
        payment.vaultRewardWei = big(a, "vaultRewardWei");
        this.touch("payments", payment);
        // EnergyPayments._settle's bookkeeping.
        const ledger = this.ledger(payment.deviceId);
        ledger.lastPaidPeriod = payment.period;
        ledger.nextRootPeriodId = payment.lastRootPeriodId + 1n;
        ledger.paidWh += payment.sentWh;
        ledger.approvedCount += 1n;
        return;
      }
      case "PaymentRefused": {
        const payment = this.payment(event, big(a, "requestId"));
        payment.status = "refused";
        payment.decidedAt = event.timestamp;
        payment.refusalReason = str(a, "reason");
        this.touch("payments", payment);
        return;
      }
    }
  }

  private payment(event: EnergyEventRow, requestId: bigint): PaymentRecord {
    const payment = this.payments.get(requestId);
    if (payment === undefined) throw new ProjectionError(event.id, `unknown payment request ${requestId}`);
    return payment;
  }

  // ---------------------------------------------------------------- storage

  private holding(nodeId: bigint, depositorId: bigint): StorageHoldingRecord {
    const key = `${nodeId}|${depositorId}`;
    let holding = this.holdings.get(key);
    if (holding === undefined) {
      holding = { nodeId, depositorId, storedWh: 0n, pendingTakeOutWh: 0n };
      this.holdings.set(key, holding);
    }
    this.touch("storageHoldings", holding);
    return holding;
  }

  private onStorage(event: EnergyEventRow): void {
    const a = event.args;
    switch (event.eventName) {
      case "StoreRequested": {
        const store: StoreRequestRecord = {
          storeId: big(a, "storeId"),
          nodeId: big(a, "nodeId"),
          depositorId: big(a, "depositorId"),
          sentWh: big(a, "sentWh"),
          receivedWh: null,
          lossWh: null,
          flagged: false,
          status: "pending",
          requestedAt: event.timestamp,
          confirmedAt: null,
        };
        this.stores.set(store.storeId, store);
        this.touch("storeRequests", store);
        return;
      }
      case "StoreConfirmed": {
        const store = this.store(event, big(a, "storeId"));
        store.receivedWh = big(a, "receivedWh");
        store.lossWh = big(a, "lossWh");
        store.status = "completed";
        store.confirmedAt = event.timestamp;
        this.touch("storeRequests", store);
        this.holding(store.nodeId, store.depositorId).storedWh = big(a, "storedWh");
        return;
      }
      case "ExcessiveLoss": {
        const store = this.store(event, big(a, "storeId"));
        store.flagged = true;
        this.touch("storeRequests", store);
        return;
      }
      case "TakeOutRequested": {
        const takeOut: TakeOutRecord = {
          takeOutId: big(a, "takeOutId"),
          nodeId: big(a, "nodeId"),
          depositorId: big(a, "depositorId"),
          requestedWh: big(a, "requestedWh"),
          deliveredWh: null,
          status: "pending",
          requestedAt: event.timestamp,
          completedAt: null,
        };
        this.takeOuts.set(takeOut.takeOutId, takeOut);
        this.touch("takeOuts", takeOut);
        const holding = this.holding(takeOut.nodeId, takeOut.depositorId);
        holding.storedWh = big(a, "storedWh");
        holding.pendingTakeOutWh += takeOut.requestedWh;
        return;
      }
      case "TakeOutCompleted": {
        const takeOut = this.takeOuts.get(big(a, "takeOutId"));
        if (takeOut === undefined) throw new ProjectionError(event.id, `unknown take-out ${a.takeOutId}`);
        takeOut.deliveredWh = big(a, "deliveredWh");
        takeOut.status = "completed";
        takeOut.completedAt = event.timestamp;
        this.touch("takeOuts", takeOut);
        const holding = this.holding(takeOut.nodeId, takeOut.depositorId);
        holding.storedWh = big(a, "storedWh");
        holding.pendingTakeOutWh -= takeOut.requestedWh;
        return;
      }
    }
  }

  private store(event: EnergyEventRow, storeId: bigint): StoreRequestRecord {
    const store = this.stores.get(storeId);
    if (store === undefined) throw new ProjectionError(event.id, `unknown store request ${storeId}`);
    return store;
  }

  // ---------------------------------------------------------------- pools and tokens

  private onPoolCreated(event: EnergyEventRow): void {
    const a = event.args;
    const pool: PoolRecord = {
      address: getAddress(addr(a, "pool")),
      token0: addr(a, "token0"),
      token1: addr(a, "token1"),
      poolIndex: big(a, "poolCount") - 1n,
      createdAt: event.timestamp,
      reserve0: 0n,
      reserve1: 0n,
      totalShares: 0n,
      swapCount: 0n,
      volume0: 0n,
      volume1: 0n,
    };
    this.pools.set(pool.address.toLowerCase(), pool);
    this.touch("pools", pool);
  }

  private onPool(event: EnergyEventRow): void {
    const pool = this.pools.get(event.address.toLowerCase());
    if (pool === undefined) throw new ProjectionError(event.id, `event from unknown pool ${event.address}`);
    const a = event.args;
    switch (event.eventName) {
      case "LiquidityAdded":
        pool.reserve0 += big(a, "amount0");
        pool.reserve1 += big(a, "amount1");
        break;
      case "LiquidityRemoved":
        pool.reserve0 -= big(a, "amount0");
        pool.reserve1 -= big(a, "amount1");
        break;
      case "Swap": {
        const amountIn = big(a, "amountIn");
        const amountOut = big(a, "amountOut");
        const zeroForOne = addr(a, "tokenIn").toLowerCase() === pool.token0.toLowerCase();
        pool.volume0 += zeroForOne ? amountIn : amountOut;
        pool.volume1 += zeroForOne ? amountOut : amountIn;
        pool.swapCount += 1n;
        pool.reserve0 = big(a, "reserve0");
        pool.reserve1 = big(a, "reserve1");
        this.touch("swaps", {
          id: event.id,
          pool: pool.address,
          sender: addr(a, "sender"),
          tokenIn: addr(a, "tokenIn"),
          to: addr(a, "to"),
          amountIn,
          amountOut,
          reserve0: pool.reserve0,
          reserve1: pool.reserve1,
          timestamp: event.timestamp,
          transactionHash: event.transactionHash,
        });
        break;
      }
      case "Sync":
        pool.reserve0 = big(a, "reserve0");
        pool.reserve1 = big(a, "reserve1");
        break;
      case "Transfer": {
        // The pool's shares: minted on deposit (1,000 locked at the first), burnt on withdrawal.
        const value = big(a, "value");
        if (addr(a, "from") === ZERO_ADDRESS) pool.totalShares += value;
        if (addr(a, "to") === ZERO_ADDRESS) pool.totalShares -= value;
        this.onTransfer(pool.address, a);
        break;
      }
    }
    this.touch("pools", pool);
  }

  private onTransfer(token: Address, a: Args): void {
    const from = addr(a, "from");
    const to = addr(a, "to");
    const value = big(a, "value");
    if (from !== ZERO_ADDRESS) this.addBalance(token, from, -value);
    if (to !== ZERO_ADDRESS) this.addBalance(token, to, value);
  }

  private addBalance(token: Address, account: Address, deltaWei: bigint): void {
    const key = `${token}|${account}`;
    let balance = this.balances.get(key);
    if (balance === undefined) {
      balance = { token, account, balanceWei: 0n };
      this.balances.set(key, balance);
    }
    balance.balanceWei += deltaWei;
    this.touch("tokenBalances", balance);
  }
}

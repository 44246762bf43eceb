// The energy API's reads (MX1–MX9), in the SQL both backends speak. Amount columns (TEXT in SQLite, NUMERIC in
// PostgreSQL) are compared with decimal-string parameters, which both read as the column's type.
import { type Address, getAddress } from "viem";
import {
  DAO_CHECKPOINTS,
  DEVICE_EVENTS,
  DEVICES,
  ENERGY_TABLES,
  LEDGERS,
  MEMBERS,
  PAYMENTS,
  POOLS,
  PROPOSALS,
  READING_ROOTS,
  REWARD_PARAMETERS,
  STORAGE_HOLDINGS,
  STORE_REQUESTS,
  SWAPS,
  TAKE_OUTS,
  TOKEN_BALANCES,
  VOTES,
} from "./energyTables.ts";
import type {
  DaoCheckpointKind,
  DaoCheckpointRecord,
  DeviceEventRecord,
  DeviceKind,
  DeviceRecord,
  DeviceStatus,
  EnergyState,
  LedgerRecord,
  MemberRecord,
  PaymentRecord,
  PaymentStatus,
  PoolRecord,
  ProposalRecord,
  ProposalSubjectKind,
  ReadingRootRecord,
  RewardParametersRecord,
  StorageHoldingRecord,
  StoreRequestRecord,
  SwapRecord,
  TakeOutRecord,
  TokenBalanceRecord,
  VoteRecord,
} from "./energyViews.ts";
import { TableReads, Where } from "./tableReads.ts";
import type { Table } from "./tables.ts";
import type { Page } from "./views.ts";

export type DeviceFilter = { status?: DeviceStatus; kind?: DeviceKind; operator?: Address; page: Page };
export type PaymentFilter = { status?: PaymentStatus; deviceId?: bigint; page: Page };

export class EnergyReads extends TableReads {
  /** The rows the reducer changes after they are written, for its state at start. */
  async loadState(): Promise<EnergyState> {
    const all = <T>(table: Table) => this.allRows<T>(table);
    const t = ENERGY_TABLES;
    return {
      devices: await all(t.devices),
      members: await all(t.members),
      proposals: await all(t.proposals),
      payments: await all(t.payments),
      ledgers: await all(t.ledgers),
      storeRequests: await all(t.storeRequests),
      takeOuts: await all(t.takeOuts),
      storageHoldings: await all(t.storageHoldings),
      pools: await all(t.pools),
      tokenBalances: await all(t.tokenBalances),
    };
  }

  // ---------------------------------------------------------------- devices

  listDevices(filter: DeviceFilter): Promise<DeviceRecord[]> {
    const w = new Where();
    if (filter.status !== undefined) w.add((p) => `status = ${p}`, filter.status);
    if (filter.kind !== undefined) w.add((p) => `kind = ${p}`, filter.kind);
    if (filter.operator !== undefined) w.add((p) => `operator_address = ${p}`, getAddress(filter.operator));
    const where = w.toString();
    return this.rows(
      DEVICES,
      `SELECT * FROM devices ${where} ORDER BY device_id DESC ${w.page(filter.page)}`,
      w.params,
    );
  }

  getDevice(deviceId: bigint): Promise<DeviceRecord | null> {
    return this.one(DEVICES, "SELECT * FROM devices WHERE device_id = $1", [deviceId]);
  }

  deviceHistory(deviceId: bigint): Promise<DeviceEventRecord[]> {
    return this.rows(DEVICE_EVENTS, "SELECT * FROM device_events WHERE device_id = $1 ORDER BY id", [deviceId]);
  }

  ledger(deviceId: bigint): Promise<LedgerRecord | null> {
    return this.one(LEDGERS, "SELECT * FROM device_ledgers WHERE device_id = $1", [deviceId]);
  }

  // ---------------------------------------------------------------- the DAO

  members(): Promise<MemberRecord[]> {
    return this.rows(MEMBERS, "SELECT * FROM dao_members WHERE active = $1 ORDER BY added_at, member_address", [true]);
  }

  isMember(account: Address): Promise<boolean> {
    return this.one<MemberRecord>(MEMBERS, "SELECT * FROM dao_members WHERE member_address = $1", [
      getAddress(account),
    ]).then((m) => m?.active === true);
  }

  /** A value's changes, oldest first. */
  checkpoints(kind: DaoCheckpointKind): Promise<DaoCheckpointRecord[]> {
    return this.rows(DAO_CHECKPOINTS, "SELECT * FROM dao_checkpoints WHERE kind = $1 ORDER BY id", [kind]);
  }

  /** Every proposal, newest first, or those about one device or payment request. */
  listProposals(subject?: { kind: ProposalSubjectKind; id: bigint }): Promise<ProposalRecord[]> {
    if (subject === undefined) {
      return this.rows(PROPOSALS, "SELECT * FROM proposals ORDER BY block_number DESC, proposal_id DESC");
    }
    return this.rows(
      PROPOSALS,
      "SELECT * FROM proposals WHERE subject_kind = $1 AND subject_id = $2 ORDER BY block_number DESC, proposal_id DESC",
      [subject.kind, subject.id],
    );
  }

  getProposal(proposalId: bigint): Promise<ProposalRecord | null> {
    return this.one(PROPOSALS, "SELECT * FROM proposals WHERE proposal_id = $1", [proposalId.toString()]);
  }

  votesOn(proposalId: bigint): Promise<VoteRecord[]> {
    return this.rows(VOTES, "SELECT * FROM proposal_votes WHERE proposal_id = $1 ORDER BY id", [proposalId.toString()]);
  }

  votesBy(voter: Address): Promise<VoteRecord[]> {
    return this.rows(VOTES, "SELECT * FROM proposal_votes WHERE voter = $1 ORDER BY id", [getAddress(voter)]);
  }

  // ---------------------------------------------------------------- payments

  listPayments(filter: PaymentFilter): Promise<PaymentRecord[]> {
    const w = new Where();
    if (filter.status !== undefined) w.add((p) => `status = ${p}`, filter.status);
    if (filter.deviceId !== undefined) w.add((p) => `device_id = ${p}`, filter.deviceId);
    const where = w.toString();
    return this.rows(
      PAYMENTS,
      `SELECT * FROM energy_payments ${where} ORDER BY request_id DESC ${w.page(filter.page)}`,
      w.params,
    );
  }

  getPayment(requestId: bigint): Promise<PaymentRecord | null> {
    return this.one(PAYMENTS, "SELECT * FROM energy_payments WHERE request_id = $1", [requestId]);
  }

  rewardParameters(): Promise<RewardParametersRecord | null> {
    return this.one(REWARD_PARAMETERS, "SELECT * FROM reward_parameters WHERE id = 1", []);
  }

  readingRoot(periodId: bigint): Promise<ReadingRootRecord | null> {
    return this.one(READING_ROOTS, "SELECT * FROM reading_roots WHERE period_id = $1", [periodId.toString()]);
  }

  // ---------------------------------------------------------------- storage

  latestStores(limit: number): Promise<StoreRequestRecord[]> {
    return this.rows(STORE_REQUESTS, "SELECT * FROM storage_stores ORDER BY store_id DESC LIMIT $1", [limit]);
  }

  /** A depositor's store requests made in [fromSeconds, toSeconds). */
  storesOf(depositorId: bigint, fromSeconds: bigint, toSeconds: bigint): Promise<StoreRequestRecord[]> {
    return this.rows(
      STORE_REQUESTS,
      "SELECT * FROM storage_stores WHERE depositor_id = $1 AND requested_at >= $2 AND requested_at < $3 ORDER BY store_id",
      [depositorId, fromSeconds, toSeconds],
    );
  }

  async flaggedStoresPerNode(): Promise<Map<bigint, bigint>> {
    const rows = await this.db.all(
      "SELECT node_id, COUNT(*) AS flagged FROM storage_stores WHERE flagged = $1 GROUP BY node_id",
      [true],
    );
    return new Map(rows.map((row) => [BigInt(row.node_id as string), BigInt(row.flagged as string)]));
  }

  latestTakeOuts(limit: number): Promise<TakeOutRecord[]> {
    return this.rows(TAKE_OUTS, "SELECT * FROM storage_take_outs ORDER BY take_out_id DESC LIMIT $1", [limit]);
  }

  storageHoldings(): Promise<StorageHoldingRecord[]> {
    return this.rows(STORAGE_HOLDINGS, "SELECT * FROM storage_holdings ORDER BY node_id, depositor_id");
  }

  // ---------------------------------------------------------------- pools and balances

  listPools(): Promise<PoolRecord[]> {
    return this.rows(POOLS, "SELECT * FROM pools ORDER BY pool_index");
  }

  getPool(address: Address): Promise<PoolRecord | null> {
    return this.one(POOLS, "SELECT * FROM pools WHERE address = $1", [getAddress(address)]);
  }

  latestSwaps(pool: Address, limit: number): Promise<SwapRecord[]> {
    return this.rows(SWAPS, "SELECT * FROM pool_swaps WHERE pool = $1 ORDER BY id DESC LIMIT $2", [
      getAddress(pool),
      limit,
    ]);
  }

  /** Balances of one token, every account that ever held some (zero balances included). */
  holdersOf(token: Address): Promise<TokenBalanceRecord[]> {
    return this.rows(TOKEN_BALANCES, "SELECT * FROM token_balances WHERE token = $1 ORDER BY account", [
      getAddress(token),
    ]);
  }

  balancesOf(account: Address): Promise<TokenBalanceRecord[]> {
    return this.rows(TOKEN_BALANCES, "SELECT * FROM token_balances WHERE account = $1 ORDER BY token", [
      getAddress(account),
    ]);
  }
}

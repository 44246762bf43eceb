// GET /api/v1/energy/* into the energy screens' types. As in decode.ts, every amount, energy and id arrives as a
// decimal string and becomes a bigint here, and an answer of the wrong shape fails loudly instead of showing wrong
// figures. Only the energy screens import this, so it loads with them, not with the dashboard.
import {
  type DaoOverview,
  DEVICE_EVENT_KINDS,
  DEVICE_KINDS,
  DEVICE_STATUSES,
  type DeviceDetail,
  type DeviceEvent,
  type DeviceLedger,
  type DeviceRow,
  type EnergyAccount,
  INTEGRITY_CHECK_NAMES,
  type IntegrityCheck,
  type MonthIntegrity,
  PAYMENT_STATUSES,
  type PaymentRow,
  type PeriodFigures,
  type PoolDetail,
  type PoolRow,
  PROPOSAL_STATES,
  type ProposalAction,
  type ProposalRow,
  type ProposalSubject,
  type StorageNodeRow,
  type StorageOverview,
  type StoreRow,
  type SwapRow,
  type TakeOutRow,
  type TimeseriesPoint,
  type TransferStatus,
  VOTE_SUPPORTS,
} from "./energyTypes.ts";
import {
  addr,
  addrOrNull,
  big,
  bigOrNull,
  bool,
  isAbsent,
  isAddress,
  type Json,
  list,
  obj,
  oneOf,
  str,
  strOrNull,
  textRecord,
} from "./jsonFields.ts";

export function decodeDeviceRow(value: unknown): DeviceRow {
  const o = obj(value, "device");
  return {
    deviceId: big(o, "deviceId"),
    operator: addr(o, "operator"),
    key: addr(o, "key"),
    keys: list(o.keys ?? [o.key], (k) => addr({ k }, "k"), "keys"),
    kind: oneOf(o, "kind", DEVICE_KINDS),
    status: oneOf(o, "status", DEVICE_STATUSES),
    ratedPowerW: big(o, "ratedPowerW"),
    maxLossBps: big(o, "maxLossBps"),
    location: str(o, "location"),
    poolData: str(o, "poolData"),
    hardwareStatus: str(o, "hardwareStatus"),
    appliedAt: big(o, "appliedAt"),
    updatedAt: big(o, "updatedAt"),
    statusReason: strOrNull(o, "statusReason"),
  };
}

export function decodeDeviceList(value: unknown): DeviceRow[] {
  return list(obj(value, "devices").devices, decodeDeviceRow, "devices");
}

function decodeDeviceEvent(value: unknown): DeviceEvent {
  const o = obj(value, "device event");
  return {
    kind: oneOf(o, "kind", DEVICE_EVENT_KINDS),
    blockNumber: big(o, "blockNumber"),
    timestamp: big(o, "timestamp"),
    transactionHash: str(o, "transactionHash"),
    by: addrOrNull(o, "by"),
    details: textRecord(o.details, "details"),
  };
}

function decodePeriodFigures(value: unknown): PeriodFigures {
  const o = obj(value, "period");
  return {
    periodId: big(o, "periodId"),
    readingCount: big(o, "readingCount"),
    gaps: big(o, "gaps"),
    uptimeBps: big(o, "uptimeBps"),
    producedWh: big(o, "producedWh"),
    sentWh: big(o, "sentWh"),
    receivedWh: big(o, "receivedWh"),
    committed: bool(o, "committed"),
  };
}

function decodeLedger(value: unknown): DeviceLedger {
  const o = obj(value, "ledger");
  return {
    lastPaidPeriod: big(o, "lastPaidPeriod"),
    nextRootPeriodId: big(o, "nextRootPeriodId"),
    paidWh: big(o, "paidWh"),
    approvedCount: big(o, "approvedCount"),
    requestCount: big(o, "requestCount"),
  };
}

function decodeCheck(value: unknown): IntegrityCheck {
  const o = obj(value, "integrity check");
  return {
    name: oneOf(o, "name", INTEGRITY_CHECK_NAMES),
    claimed: isAbsent(o, "claimed") ? null : String(o.claimed),
    measured: String(o.measured ?? ""),
    ok: bool(o, "ok"),
    note: typeof o.note === "string" ? o.note : "",
  };
}

function decodeIdList(value: unknown, what: string): bigint[] {
  return list(value ?? [], (v) => big({ v }, "v"), what);
}

export function decodePayment(value: unknown): PaymentRow {
  const o = obj(value, "payment");
  return {
    requestId: big(o, "requestId"),
    deviceId: big(o, "deviceId"),
    operator: addr(o, "operator"),
    period: big(o, "period"),
    firstRootPeriodId: big(o, "firstRootPeriodId"),
    lastRootPeriodId: big(o, "lastRootPeriodId"),
    sentWh: big(o, "sentWh"),
    readingCount: big(o, "readingCount"),
    gaps: big(o, "gaps"),
    uptimeBps: big(o, "uptimeBps"),
    lossWh: big(o, "lossWh"),
    status: oneOf(o, "status", PAYMENT_STATUSES),
    refusalReason: strOrNull(o, "refusalReason"),
    requestedAt: big(o, "requestedAt"),
    energyWei: bigOrNull(o, "energyWei"),
    operatorRewardWei: bigOrNull(o, "operatorRewardWei"),
    poolRewardWei: bigOrNull(o, "poolRewardWei"),
    vaultRewardWei: bigOrNull(o, "vaultRewardWei"),
    checks: list(o.checks ?? [], decodeCheck, "checks"),
    checksPassed: bool(o, "checksPassed"),
    proposals: decodeIdList(o.proposals, "proposals"),
  };
}

export function decodePaymentList(value: unknown): PaymentRow[] {
  return list(obj(value, "payments").payments, decodePayment, "payments");
}

function decodeAction(value: unknown): ProposalAction {
  const o = obj(value, "proposal action");
  return {
    target: addr(o, "target"),
    contract: str(o, "contract"),
    functionName: strOrNull(o, "functionName"),
    args: textRecord(o.args, "args"),
  };
}

function decodeSubject(value: unknown): ProposalSubject {
  if (value === null || value === undefined) return null;
  const o = obj(value, "subject");
  const kind = str(o, "kind");
  if (kind === "device") return { kind, deviceId: big(o, "deviceId") };
  if (kind === "payment") return { kind, requestId: big(o, "requestId") };
  return null;
}

export function decodeProposal(value: unknown): ProposalRow {
  const o = obj(value, "proposal");
  return {
    proposalId: big(o, "proposalId"),
    proposer: addr(o, "proposer"),
    description: str(o, "description"),
    descriptionHash: str(o, "descriptionHash"),
    actions: list(o.actions ?? [], decodeAction, "actions"),
    subject: decodeSubject(o.subject),
    state: oneOf(o, "state", PROPOSAL_STATES),
    voteStart: big(o, "voteStart"),
    voteEnd: big(o, "voteEnd"),
    forVotes: big(o, "forVotes"),
    againstVotes: big(o, "againstVotes"),
    abstainVotes: big(o, "abstainVotes"),
    quorum: big(o, "quorum"),
    createdAt: big(o, "createdAt"),
    votes: list(
      o.votes ?? [],
      (v) => {
        const vote = obj(v, "vote");
        return {
          voter: addr(vote, "voter"),
          support: oneOf(vote, "support", VOTE_SUPPORTS),
          weight: big(vote, "weight"),
          reason: typeof vote.reason === "string" ? vote.reason : "",
        };
      },
      "votes",
    ),
  };
}

export function decodeProposalList(value: unknown): ProposalRow[] {
  return list(obj(value, "proposals").proposals, decodeProposal, "proposals");
}

export function decodeDeviceDetail(value: unknown): DeviceDetail {
  const o = obj(value, "device");
  return {
    ...decodeDeviceRow(o),
    history: list(o.history ?? [], decodeDeviceEvent, "history"),
    periods: list(o.periods ?? [], decodePeriodFigures, "periods"),
    ledger: decodeLedger(o.ledger),
    payments: list(o.payments ?? [], decodePayment, "payments"),
    proposals: list(o.proposals ?? [], decodeProposal, "proposals"),
  };
}

export function decodeMonthIntegrity(value: unknown): MonthIntegrity {
  const o = obj(value, "integrity");
  return {
    deviceId: big(o, "deviceId"),
    month: big(o, "month"),
    fromPeriodId: big(o, "fromPeriodId"),
    toPeriodId: big(o, "toPeriodId"),
    firstRootPeriodId: bigOrNull(o, "firstRootPeriodId"),
    lastRootPeriodId: bigOrNull(o, "lastRootPeriodId"),
    readingCount: big(o, "readingCount"),
    gaps: big(o, "gaps"),
    uptimeBps: big(o, "uptimeBps"),
    producedWh: big(o, "producedWh"),
    sentWh: big(o, "sentWh"),
    receivedWh: big(o, "receivedWh"),
    uncommittedReadings: big(o, "uncommittedReadings"),
    lossWh: big(o, "lossWh"),
  };
}

export function decodeTimeseries(value: unknown): TimeseriesPoint[] {
  return list(
    obj(value, "timeseries").points,
    (v) => {
      const p = obj(v, "point");
      return {
        periodId: big(p, "periodId"),
        periodStart: big(p, "periodStart"),
        readingCount: big(p, "readingCount"),
        uptimeBps: bigOrNull(p, "uptimeBps"),
        producedWh: big(p, "producedWh"),
        sentWh: big(p, "sentWh"),
        receivedWh: big(p, "receivedWh"),
      };
    },
    "points",
  );
}

export function decodeDao(value: unknown): DaoOverview {
  const o = obj(value, "dao");
  const r = isAbsent(o, "rewardParameters") ? null : obj(o.rewardParameters, "rewardParameters");
  return {
    members: list(o.members, (m) => addr({ m }, "m"), "members"),
    memberCount: big(o, "memberCount"),
    votingDelaySeconds: big(o, "votingDelaySeconds"),
    votingPeriodSeconds: big(o, "votingPeriodSeconds"),
    quorumPercent: big(o, "quorumPercent"),
    vault: addr(o, "vault"),
    rewardParameters:
      r === null
        ? null
        : {
            rewardWeiPerWh: big(r, "rewardWeiPerWh"),
            poolBps: big(r, "poolBps"),
            vaultBps: big(r, "vaultBps"),
            poolRecipient: addr(r, "poolRecipient"),
            vault: addr(r, "vault"),
          },
  };
}

function transferStatus(o: Json): TransferStatus {
  return oneOf(o, "status", ["pending", "completed"] as const);
}

function decodeStore(value: unknown): StoreRow {
  const o = obj(value, "store");
  return {
    storeId: big(o, "storeId"),
    nodeId: big(o, "nodeId"),
    depositorId: big(o, "depositorId"),
    sentWh: big(o, "sentWh"),
    receivedWh: bigOrNull(o, "receivedWh"),
    lossWh: bigOrNull(o, "lossWh"),
    flagged: bool(o, "flagged"),
    status: transferStatus(o),
    requestedAt: big(o, "requestedAt"),
  };
}

function decodeTakeOut(value: unknown): TakeOutRow {
  const o = obj(value, "take-out");
  return {
    takeOutId: big(o, "takeOutId"),
    nodeId: big(o, "nodeId"),
    depositorId: big(o, "depositorId"),
    requestedWh: big(o, "requestedWh"),
    deliveredWh: bigOrNull(o, "deliveredWh"),
    status: transferStatus(o),
    requestedAt: big(o, "requestedAt"),
  };
}

function decodeStorageNode(value: unknown): StorageNodeRow {
  const o = obj(value, "storage node");
  return {
    deviceId: big(o, "deviceId"),
    key: addr(o, "key"),
    operator: addr(o, "operator"),
    status: oneOf(o, "status", DEVICE_STATUSES),
    storedWh: big(o, "storedWh"),
    pendingTakeOutWh: big(o, "pendingTakeOutWh"),
    excessiveLossCount: big(o, "excessiveLossCount"),
    depositors: list(
      o.depositors ?? [],
      (v) => {
        const d = obj(v, "depositor");
        return {
          depositorId: big(d, "depositorId"),
          storedWh: big(d, "storedWh"),
          pendingTakeOutWh: big(d, "pendingTakeOutWh"),
        };
      },
      "depositors",
    ),
  };
}

export function decodeStorage(value: unknown): StorageOverview {
  const o = obj(value, "storage");
  return {
    nodes: list(o.nodes, decodeStorageNode, "nodes"),
    stores: list(o.stores, decodeStore, "stores"),
    takeOuts: list(o.takeOuts, decodeTakeOut, "takeOuts"),
  };
}

export function decodePool(value: unknown): PoolRow {
  const o = obj(value, "pool");
  return {
    address: addr(o, "address"),
    token0: addr(o, "token0"),
    token1: addr(o, "token1"),
    symbol0: str(o, "symbol0"),
    symbol1: str(o, "symbol1"),
    reserve0: big(o, "reserve0"),
    reserve1: big(o, "reserve1"),
    totalShares: big(o, "totalShares"),
    feeBps: big(o, "feeBps"),
    swapCount: big(o, "swapCount"),
    volume0: big(o, "volume0"),
    volume1: big(o, "volume1"),
  };
}

export function decodePoolList(value: unknown): PoolRow[] {
  return list(obj(value, "pools").pools, decodePool, "pools");
}

/** The spec leaves a swap's fields open; what is there and readable is shown. */
function decodeSwap(value: unknown): SwapRow {
  const o = obj(value, "swap");
  const maybeBig = (key: string) =>
    typeof o[key] === "string" && /^[0-9]+$/.test(o[key] as string) ? big(o, key) : null;
  return {
    sender: isAddress(o.sender) ? o.sender : null,
    tokenIn: isAddress(o.tokenIn) ? o.tokenIn : null,
    amountIn: maybeBig("amountIn") ?? maybeBig("amountInWei"),
    amountOut: maybeBig("amountOut") ?? maybeBig("amountOutWei"),
    timestamp: maybeBig("timestamp"),
    transactionHash: typeof o.transactionHash === "string" ? o.transactionHash : null,
  };
}

export function decodePoolDetail(value: unknown): PoolDetail {
  const o = obj(value, "pool");
  return {
    ...decodePool(o),
    swaps: list(o.swaps ?? [], decodeSwap, "swaps"),
    liquidity: list(
      o.liquidity ?? [],
      (v) => {
        const l = obj(v, "liquidity");
        return { provider: addr(l, "provider"), shares: big(l, "shares") };
      },
      "liquidity",
    ),
  };
}

export function decodeEnergyAccount(value: unknown): EnergyAccount {
  const o = obj(value, "account");
  return {
    address: addr(o, "address"),
    energyTokenWei: big(o, "energyTokenWei"),
    rewardTokenWei: big(o, "rewardTokenWei"),
    solarWei: big(o, "solarWei"),
    isDaoMember: bool(o, "isDaoMember"),
    votes: big(o, "votes"),
    devices: list(o.devices ?? [], decodeDeviceRow, "devices"),
    lpShares: list(
      o.lpShares ?? [],
      (v) => {
        const l = obj(v, "lpShares");
        return { pool: addr(l, "pool"), shares: big(l, "shares") };
      },
      "lpShares",
    ),
  };
}

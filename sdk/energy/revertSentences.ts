// Plain English for every custom error of the measured-energy modules (MX1–MX9) and the OpenZeppelin code they use
// (Governor, ERC-721 memberships and device tokens), merged into the SDK's `revertSentences`.

type Args = Record<string, unknown>;

const big = (value: unknown): bigint => (typeof value === "bigint" ? value : BigInt(value as number));
const num = (value: unknown): string => big(value).toLocaleString("en-US");
const short = (value: unknown): string => {
  const address = String(value);
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
};
const wh = (value: unknown): string => `${num(value)} Wh`;
const DEVICE_STATUS = ["not there", "applied for", "active", "suspended", "revoked", "rejected"];
const DEVICE_KIND = ["generator", "storage node", "meter"];
const PAYMENT_STATUS = ["not there", "pending", "approved", "refused"];
const PROPOSAL_STATE = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "expired", "executed"];
const named = (names: readonly string[], value: unknown) => names[Number(value)] ?? `#${value}`;
/** A device status (`IDeviceRegistry.DeviceStatus`) in words. */
export const deviceStatusWord = (value: unknown): string => named(DEVICE_STATUS, value);
/** A device kind (`IDeviceRegistry.DeviceKind`) in words. */
export const deviceKindWord = (value: unknown): string => named(DEVICE_KIND, value);

export const energyRevertSentences: Record<string, (a: Args) => string> = {
  // Device registry (MX1)
  UnknownDevice: (a) => `There is no device #${a.deviceId}.`,
  UnknownDeviceKey: (a) => `No device has the key ${short(a.key)}.`,
  ZeroDeviceKey: () => "A device key must not be the zero address.",
  DeviceKeyTaken: (a) => `The key ${short(a.key)} already belongs to device #${a.deviceId}.`,
  InvalidRatedPower: (a) =>
    big(a.ratedPowerW) === 0n
      ? "The rated power must be more than 0 W."
      : `${num(a.ratedPowerW)} W is above the ${num(a.maxRatedPowerW)} W a device may have.`,
  InvalidMaxLoss: (a) => `A maximum loss of ${a.maxLossBps} bps is above 10,000 bps (100%).`,
  EmptyText: (a) => `The ${a.field} must not be empty.`,
  TextTooLong: (a) => `The ${a.field} is ${num(a.length)} bytes long; at most ${num(a.maxLength)} are allowed.`,
  WrongDeviceStatus: (a) => `Device #${a.deviceId} is ${named(DEVICE_STATUS, a.status)}, which does not allow this.`,
  NotOperatorOrDao: (a) => `Only device #${a.deviceId}'s operator or the DAO can do that, not ${short(a.caller)}.`,
  NotDeviceOperator: (a) =>
    `Only device #${a.deviceId}'s operator (${short(a.operator)}) can do that, not ${short(a.caller)}.`,
  WrongDeviceKind: (a) => `Device #${a.deviceId} is a ${named(DEVICE_KIND, a.kind)}, which cannot do that.`,
  Soulbound: (a) => `Token #${a.tokenId} is soulbound: it cannot be transferred or approved.`,
  NotDao: (a) => `Only the Technical DAO (${short(a.dao)}) can do that, not ${short(a.caller)}: it takes a proposal.`,

  // Payments (MX4, MX5)
  UnknownPaymentRequest: (a) => `There is no payment request #${a.requestId}.`,
  WrongPaymentStatus: (a) =>
    `Payment request #${a.requestId} is already ${named(PAYMENT_STATUS, a.status)}; it can be decided only once.`,
  InvalidPeriod: (a) => `${a.period} is not a month written YYYYMM from 200001 to 999912.`,
  PeriodAlreadyPaid: (a) =>
    `Device #${a.deviceId} was paid up to ${a.lastPaidPeriod}; ${a.period} is not after it and cannot be paid.`,
  InvalidRootRange: (a) => `The readings range ${a.firstRootPeriodId} to ${a.lastRootPeriodId} is not valid.`,
  ReadingsAlreadyPaid: (a) =>
    `Device #${a.deviceId}'s readings before period ${a.nextRootPeriodId} are paid already; the claim starts at ${a.firstRootPeriodId}.`,
  InvalidEnergy: (a) =>
    big(a.sentWh) === 0n
      ? "The energy claimed must be more than 0 Wh."
      : `${wh(a.sentWh)} is more than device #${a.deviceId}'s rated power allows in a month (${wh(a.maxWh)}).`,
  InvalidIntegrityFigure: (a) => `The integrity figure ${a.name} (${num(a.value)}) is out of range.`,
  InvalidReason: (a) =>
    big(a.length) === 0n
      ? "A refusal needs a reason."
      : `The reason is ${num(a.length)} bytes long; at most ${num(a.maxLength)} are allowed.`,
  InvalidRewardSplit: (a) => `The pool's ${a.poolBps} bps and the vault's ${a.vaultBps} bps add up to more than 100%.`,
  ZeroRecipient: (a) => `The ${a.role} must not be the zero address.`,
  SafeCastOverflowedUintDowncast: (a) => `${num(a.value)} does not fit in ${a.bits} bits.`,

  // Storage node (MX3, MX7)
  NotDeviceAgent: (a) => `Only device #${a.deviceId}'s key or operator can do that, not ${short(a.caller)}.`,
  NotNodeKey: (a) => `Only storage node #${a.nodeId}'s key (${short(a.key)}) can do that, not ${short(a.caller)}.`,
  SelfStorage: (a) => `Storage node #${a.nodeId} cannot store energy for itself.`,
  ZeroEnergy: () => "The energy must be more than 0 Wh.",
  UnknownStore: (a) => `There is no store request #${a.storeId}.`,
  UnknownTakeOut: (a) => `There is no take-out #${a.takeOutId}.`,
  AlreadyCompleted: (a) => `#${a.id} is completed already.`,
  ReceivedExceedsSent: (a) =>
    `Store request #${a.storeId} sent ${wh(a.sentWh)}; the node cannot have received ${wh(a.receivedWh)}.`,
  InsufficientStored: (a) =>
    `Device #${a.depositorId} has ${wh(a.storedWh)} stored at node #${a.nodeId}, less than the ${wh(a.requestedWh)} asked for.`,
  DeliveredExceedsRequested: (a) =>
    `Take-out #${a.takeOutId} asked for ${wh(a.requestedWh)}; ${wh(a.deliveredWh)} cannot have been delivered.`,
  StoredOverflow: (a) => `Device #${a.depositorId}'s energy at node #${a.nodeId} would overflow.`,

  // Readings commitments (MX2, MX8)
  NotCommitter: (a) => `Only the committer (${short(a.committer)}) can commit roots, not ${short(a.caller)}.`,
  ZeroCommitter: () => "The committer must not be the zero address.",
  RootAlreadyCommitted: (a) => `Period ${a.periodId} has its root already.`,
  ZeroRoot: (a) => `The root of period ${a.periodId} must not be zero.`,
  NoReadings: (a) => `A root for period ${a.periodId} must cover at least one reading.`,
  RootNotCommitted: (a) => `Period ${a.periodId} has no committed readings root.`,

  // Pools (MX6)
  Expired: (a) => `The deadline ${a.deadline} passed (the chain's time is ${a.timestamp}).`,
  UnknownToken: (a) => `${short(a.token)} is neither of the pool's tokens.`,
  ZeroAmount: () => "The amount must be more than 0.",
  InsufficientOutput: (a) =>
    `The swap would pay out ${num(a.amountOut)}, less than the minimum of ${num(a.minAmountOut)} asked for.`,
  InsufficientAmount: (a) =>
    `Only ${num(a.amount)} of ${short(a.token)} would move, less than the minimum of ${num(a.minAmount)}.`,
  InsufficientLiquidityMinted: (a) => `That deposit would earn ${num(a.shares)} shares: too little.`,
  ReserveOverflow: (a) => `A reserve of ${num(a.reserve)} is more than the pool can hold.`,
  InvalidPair: (a) => `${short(a.token0)} and ${short(a.token1)} cannot make a pool.`,
  PoolExists: (a) => `Those tokens have their pool already, ${short(a.pool)}.`,

  // Module registry (MX9)
  ModuleNotSet: () => "A module the call needs is not set in the registry.",
  BootstrapClosed: (a) => `The registry's bootstrap is closed to ${short(a.caller)}.`,
  LengthMismatch: (a) => `${a.names} names were given for ${a.modules} modules.`,

  // Membership and votes
  AlreadyMember: (a) => `${short(a.account)} is a member already.`,
  NotMember: (a) => `${short(a.account)} is not a member.`,
  LastMember: (a) => `${short(a.account)} is the last member and cannot be removed.`,
  MembershipNotTransferable: (a) => `Membership #${a.tokenId} cannot be transferred: the DAO admits members.`,
  DelegationDisabled: () => "Votes cannot be delegated: each member's vote is their own.",
  ERC5805FutureLookup: (a) => `Votes at ${a.timepoint} are not known yet (the clock is at ${a.clock}).`,
  VotesExpiredSignature: (a) => `The signature expired at ${a.expiry}.`,
  CheckpointUnorderedInsertion: () => "A vote checkpoint was written out of order.",
  ERC6372InconsistentClock: () => "The votes token's clock is not consistent.",

  // Governor (the Technical DAO)
  GovernorAlreadyCastVote: (a) => `${short(a.voter)} has voted on this proposal already.`,
  GovernorAlreadyQueuedProposal: (a) => `Proposal ${a.proposalId} is queued already.`,
  GovernorDisabledDeposit: () => "The DAO does not take deposits this way.",
  GovernorInsufficientProposerVotes: (a) =>
    `${short(a.proposer)} has ${a.votes} votes; proposing needs ${a.threshold}: only members propose.`,
  GovernorInvalidProposalLength: (a) =>
    `A proposal needs as many targets (${a.targets}), calldatas (${a.calldatas}) and values (${a.values}), at least one.`,
  GovernorInvalidQuorumFraction: (a) => `A quorum of ${a.quorumNumerator}/${a.quorumDenominator} is not allowed.`,
  GovernorInvalidSignature: (a) => `The vote signature of ${short(a.voter)} is not valid.`,
  GovernorInvalidVoteParams: () => "Votes take no parameters.",
  GovernorInvalidVoteType: () => "A vote is for, against or abstain.",
  GovernorInvalidVotingPeriod: (a) => `A voting period of ${a.votingPeriod} seconds is not allowed.`,
  GovernorNonexistentProposal: (a) => `There is no proposal ${a.proposalId}.`,
  GovernorOnlyExecutor: (a) => `Only the DAO itself can do that, not ${short(a.account)}.`,
  GovernorProposalQueueingFailed: (a) => `Proposal ${a.proposalId} could not be queued.`,
  GovernorProposalQueueingNotRequired: (a) => `Proposal ${a.proposalId} needs no queueing: execute it.`,
  GovernorRestrictedProposer: (a) => `${short(a.proposer)} may not make this proposal.`,
  GovernorUnableToCancel: (a) => `${short(a.account)} cannot cancel proposal ${a.proposalId}.`,
  GovernorUnexpectedProposalState: (a) =>
    `Proposal ${a.proposalId} is ${named(PROPOSAL_STATE, a.current)}, which does not allow this.`,

  // ERC-721 (device tokens, memberships)
  ERC721IncorrectOwner: (a) => `${short(a.sender)} does not own token #${a.tokenId}.`,
  ERC721InsufficientApproval: (a) => `${short(a.operator)} may not move token #${a.tokenId}.`,
  ERC721InvalidApprover: (a) => `${short(a.approver)} cannot approve.`,
  ERC721InvalidOperator: (a) => `${short(a.operator)} cannot be an operator.`,
  ERC721InvalidOwner: (a) => `${short(a.owner)} cannot own a token.`,
  ERC721InvalidReceiver: (a) => `${short(a.receiver)} cannot receive the token.`,
  ERC721InvalidSender: (a) => `${short(a.sender)} cannot send the token.`,
  ERC721NonexistentToken: (a) => `There is no token #${a.tokenId}.`,
};

// Errors of the D-REX SDK, modelled on viem's: a short message for people, details for developers, the cause kept.
//
// - `DrexError` is the base of every error the SDK throws itself.
// - `ContractRevertError` is a contract's refusal, decoded against every D-REX ABI (OpenZeppelin's errors
//   included), with a plain English `sentence` for each custom error.
// - `isRetryableError` says whether trying the same thing again may succeed (network trouble, a nonce race) or not
//   (a revert, bad input, no funds): the split ponder makes with `isRetryable`.
import {
  type Abi,
  type Address,
  BaseError,
  ChainDisconnectedError,
  decodeErrorResult,
  formatEther,
  type Hex,
  HttpRequestError,
  InternalRpcError,
  LimitExceededRpcError,
  NonceTooHighError,
  NonceTooLowError,
  ProviderDisconnectedError,
  ResourceUnavailableRpcError,
  RpcRequestError,
  SocketClosedError,
  TimeoutError,
  TransactionReceiptNotFoundError,
  WaitForTransactionReceiptTimeoutError,
  WebSocketRequestError,
} from "viem";
import { CapitalTokenAbi } from "./abi/CapitalToken.ts";
import { ConstantProductPoolAbi } from "./abi/ConstantProductPool.ts";
import { DeviceRegistryAbi } from "./abi/DeviceRegistry.ts";
import { DistributeProjectsAbi } from "./abi/DistributeProjects.ts";
import { DistributeTasksAbi } from "./abi/DistributeTasks.ts";
import { DistributeVotingAbi } from "./abi/DistributeVoting.ts";
import { EnergyPaymentsAbi } from "./abi/EnergyPayments.ts";
import { GeneratorAbi } from "./abi/Generator.ts";
import { MarketplaceAbi } from "./abi/Marketplace.ts";
import { ModuleRegistryAbi } from "./abi/ModuleRegistry.ts";
import { PoolFactoryAbi } from "./abi/PoolFactory.ts";
import { ReadingCommitmentsAbi } from "./abi/ReadingCommitments.ts";
import { ReputationAbi } from "./abi/Reputation.ts";
import { SolarTokenAbi } from "./abi/SolarToken.ts";
import { SolarTokenSaleAbi } from "./abi/SolarTokenSale.ts";
import { StorageNodeAbi } from "./abi/StorageNode.ts";
import { TechnicalDAOAbi } from "./abi/TechnicalDAO.ts";
import { TechnicalMembershipAbi } from "./abi/TechnicalMembership.ts";
import { distributeRevertSentences } from "./distribute/revertSentences.ts";
import { deviceKindWord, deviceStatusWord, energyRevertSentences } from "./energy/revertSentences.ts";
import { formatMilliUnits, formatShares, formatSolar } from "./format.ts";
import { generatorPhaseName, type RequestStatus, requestStatusName } from "./status.ts";

type AbiError = Extract<Abi[number], { type: "error" }>;

// ---------------------------------------------------------------------------------------------------------- base

export type DrexErrorParameters = {
  /** What went wrong, for developers: the underlying message, ids, addresses. */
  details?: string | undefined;
  /** Extra lines shown under the short message. */
  metaMessages?: string[] | undefined;
  cause?: unknown;
};

/** The base of every error the SDK throws. `shortMessage` is fit to show a person; `message` adds the details. */
export class DrexError extends Error {
  override name = "DrexError";
  readonly shortMessage: string;
  readonly details: string;
  readonly metaMessages: string[];
  /** Whether the same call may succeed if tried again unchanged. */
  readonly isRetryable: boolean;

  constructor(shortMessage: string, parameters: DrexErrorParameters & { isRetryable?: boolean } = {}) {
    const details = parameters.details ?? detailsOf(parameters.cause);
    const metaMessages = parameters.metaMessages ?? [];
    super(
      [
        shortMessage,
        ...(metaMessages.length > 0 ? ["", ...metaMessages] : []),
        ...(details ? ["", `Details: ${details}`] : []),
      ].join("\n"),
      parameters.cause === undefined ? undefined : { cause: parameters.cause },
    );
    this.shortMessage = shortMessage;
    this.details = details;
    this.metaMessages = metaMessages;
    this.isRetryable = parameters.isRetryable ?? false;
  }

  /** The first error in the cause chain (this one included) for which `fn` is true, or the last one without `fn`. */
  walk(fn?: (error: unknown) => boolean): unknown {
    return walkErrors(this, fn);
  }
}

/** A mined transaction that reverted although its simulation passed (the chain moved in between). */
export class TransactionRevertedError extends DrexError {
  override name = "TransactionRevertedError";
  readonly hash: Hex;
  readonly gasUsed: bigint;

  constructor(parameters: { hash: Hex; gasUsed: bigint; functionName: string }) {
    super(`The ${parameters.functionName} transaction was mined but reverted.`, {
      details: `transaction ${parameters.hash} used ${parameters.gasUsed} gas and reverted`,
    });
    this.hash = parameters.hash;
    this.gasUsed = parameters.gasUsed;
  }
}

/** Input the SDK refuses before it reaches the chain. */
export class InvalidParameterError extends DrexError {
  override name = "InvalidParameterError";
  readonly parameter: string;

  constructor(parameter: string, shortMessage: string) {
    super(shortMessage, { details: `parameter ${parameter}` });
    this.parameter = parameter;
  }
}

// ----------------------------------------------------------------------------------------------- contract reverts

/** Every error any D-REX contract (or OpenZeppelin code it calls) can revert with, one entry per selector. */
export const drexErrorAbi: readonly AbiError[] = (() => {
  const bySelector = new Map<string, AbiError>();
  // The measured-energy modules (MX1–MX9) after D-REX's own: a shared selector keeps its first entry.
  const energyAbis = [
    DeviceRegistryAbi,
    EnergyPaymentsAbi,
    StorageNodeAbi,
    ReadingCommitmentsAbi,
    ConstantProductPoolAbi,
    PoolFactoryAbi,
    TechnicalDAOAbi,
    TechnicalMembershipAbi,
    ModuleRegistryAbi,
  ];
  // Then the Distribute Protocol (DS1–DS8).
  const distributeAbis = [
    CapitalTokenAbi,
    ReputationAbi,
    DistributeProjectsAbi,
    DistributeTasksAbi,
    DistributeVotingAbi,
  ];
  for (const abi of [
    MarketplaceAbi,
    GeneratorAbi,
    SolarTokenAbi,
    SolarTokenSaleAbi,
    ...energyAbis,
    ...distributeAbis,
  ] as readonly Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const selector = `${item.name}(${item.inputs.map((input) => input.type).join(",")})`;
      if (!bySelector.has(selector)) bySelector.set(selector, item);
    }
  }
  return [...bySelector.values()];
})();

/** What a sentence needs besides the error's own arguments. */
export type RevertContext = {
  /** What ERC-20 amounts in the error count: Solar Tokens (the default) or a generator's ownership shares. */
  amounts?: "SOLAR" | "shares";
  /** The unit energy is sold in, for credit errors ("kWh" by default). */
  unit?: string;
  /** Names to show instead of addresses, e.g. { "0xab…": "Amara" }. Keys are compared case-insensitively. */
  names?: Record<string, string>;
};

type NamedArgs = Record<string, unknown>;
type Sentence = (a: NamedArgs, ctx: Required<Pick<RevertContext, "amounts" | "unit">> & RevertContext) => string;

const big = (value: unknown): bigint => (typeof value === "bigint" ? value : BigInt(value as number));
const num = (value: unknown): string => big(value).toLocaleString("en-US");
const date = (value: unknown): string => new Date(Number(big(value)) * 1000).toISOString().replace(".000Z", "Z");
const FIELD_WORDS: Record<string, string> = {
  location: "location",
  reason: "reason",
  utilityKind: "utility kind",
  unit: "unit",
  unitType: "unit type",
  insurance: "insurance",
};
const field = (value: unknown): string => FIELD_WORDS[String(value)] ?? String(value);
const STATUS_WORDS: Record<RequestStatus, string> = {
  None: "not there",
  Bidding: "open for bids",
  AwaitingAcceptance: "waiting for its creator to accept a bid",
  Lapsed: "lapsed (no bid was accepted in time)",
  Cancelled: "cancelled",
  Financing: "being financed",
  FinancingFailed: "past its financing deadline without reaching the target",
  Funded: "funded and waiting for activation",
  ActivationFailed: "past its activation deadline",
  Active: "active",
};
const status = (value: unknown): string => STATUS_WORDS[requestStatusName(big(value))];
const phase = (value: unknown): string => {
  const name = generatorPhaseName(big(value));
  return name === "Pending" ? "pending activation" : name === "Active" ? "active" : "failed (never activated)";
};

/** One plain English sentence per custom error, keyed by error name. */
export const revertSentences: Record<string, Sentence> = {
  // Marketplace (DX1–DX4, DX7 escrow)
  UnknownRequest: (a) => `There is no request #${a.requestId}.`,
  UnknownBid: (a) => `There is no bid #${a.bidId}.`,
  EmptyField: (a) => `The ${field(a.field)} must not be empty.`,
  FieldTooLong: (a) =>
    `The ${field(a.field)} is ${num(a.length)} bytes long; at most ${num(a.maxLength)} bytes are allowed.`,
  InvalidWattage: (a) =>
    big(a.wattageW) === 0n
      ? "The wattage required must be more than 0 W."
      : `${num(a.wattageW)} W is more than the ${num(a.maxWattageW)} W a request may ask for.`,
  ZeroInstallationCost: () => "A bid's installation cost must be more than 0 SOLAR.",
  InvalidInstallationTime: (a) =>
    big(a.installationSeconds) === 0n
      ? "A bid's installation time must be more than zero."
      : `An installation time of ${num(a.installationSeconds)} seconds is longer than the ${num(
          big(a.maxInstallationSeconds) / 86_400n,
        )} days allowed.`,
  WrongRequestStatus: (a) =>
    `Request #${a.requestId} is ${status(a.status)}, but this needs it to be ${status(a.required)}.`,
  NotRequestCreator: (a, ctx) =>
    `Only the creator of request #${a.requestId} (${who(a.creator, ctx)}) can do that, not ${who(a.caller, ctx)}.`,
  NotBidProvider: (a, ctx) =>
    `Only the provider who placed bid #${a.bidId} (${who(a.provider, ctx)}) can do that, not ${who(a.caller, ctx)}.`,
  BidNotForRequest: (a) => `Bid #${a.bidId} is for request #${a.bidRequestId}, not request #${a.requestId}.`,
  BidWithdrawn: (a) => `Bid #${a.bidId} has been withdrawn.`,
  ZeroContribution: () => "A contribution must be more than 0 SOLAR.",
  ExceedsFundingTarget: (a) => `That contribution is more than the ${formatSolar(big(a.remainingWei))} still needed.`,
  RefundNotAvailable: (a) =>
    `Request #${a.requestId} is ${status(a.status)}: refunds are due only when financing or activation has failed.`,
  NothingToRefund: (a, ctx) => `${cap(who(a.financier, ctx))} has nothing to take back from request #${a.requestId}.`,
  NotRequestGenerator: (a) => `Only the generator of request #${a.requestId} can release its escrow.`,
  InvalidMarketplaceParameter: (a) => `The marketplace's ${a.name} is zero or out of range.`,
  DeviceModulesLinkClosed: (a, ctx) =>
    `Only the marketplace's deployer can link the device modules, and only once; ${who(a.caller, ctx)} cannot.`,

  // Generator (DX5–DX9)
  WrongPhase: (a) => `The generator is ${phase(a.phase)}, but this needs it to be ${phase(a.required)}.`,
  NotRequester: (a, ctx) =>
    `Only the consumer who made the request (${who(a.requester, ctx)}) can activate this generator, not ${who(a.caller, ctx)}.`,
  NotProvider: (a, ctx) =>
    `Only the winning provider (${who(a.provider, ctx)}) can register the device key, not ${who(a.caller, ctx)}.`,
  InvalidDeviceKey: () => "The device key must not be the zero address.",
  DeviceKeyNotRegistered: () =>
    "The provider has not registered the device key yet, so the generator cannot be activated.",
  InitialTokenRequired: () => "Activation needs an initial payment of more than 0 SOLAR.",
  DeviceModulesNotLinked: () =>
    "The marketplace is not linked to a device registry yet, so no generator can register its device.",
  NotCurrentDeviceKey: (a, ctx) =>
    `${who(a.deviceKey, ctx)} is an old key of device #${a.deviceId}; its key now is ${who(a.currentKey, ctx)}.`,
  NotAGeneratorDevice: (a) => `Device #${a.deviceId} is a ${deviceKindWord(a.kind)}, not a generator.`,
  DeviceNotActive: (a) =>
    `Device #${a.deviceId} is ${deviceStatusWord(a.status)}: only a device the Technical DAO approved and has not suspended can do this.`,
  DeviceNotProviders: (a, ctx) =>
    `Device #${a.deviceId} is operated by ${who(a.operator, ctx)}, not by the generator's provider ${who(a.provider, ctx)}.`,
  NotSignedByDevice: (a, ctx) =>
    big(a.signer) === 0n
      ? "The usage reading's signature is malformed."
      : `The usage reading was signed by ${who(a.signer, ctx)}, not by the generator's device (${who(a.deviceKey, ctx)}).`,
  UsageFromFuture: (a) =>
    `The usage reading is dated ${date(a.readAt)}, after the current block (${date(a.blockTimestamp)}).`,
  StaleUsage: (a, ctx) =>
    big(a.lastReadAt) >= big(a.readAt)
      ? `The usage reading is dated ${date(a.readAt)}, not after ${who(a.consumer, ctx)}'s last one (${date(a.lastReadAt)}).`
      : `The usage reading is dated ${date(a.readAt)}, before the generator was activated (${date(a.activatedAt)}).`,
  UsageNotIncreasing: (a, ctx) =>
    `The usage reading says ${formatMilliUnits(big(a.deliveredMilliUnits), ctx.unit)} delivered to ${who(
      a.consumer,
      ctx,
    )} in all, not more than the ${formatMilliUnits(big(a.lastDeliveredMilliUnits), ctx.unit)} already counted.`,
  NotAnOwner: (a, ctx) => `${cap(who(a.account, ctx))} owns no shares of this generator, so it has no vote.`,
  NoVote: (a, ctx) => `${cap(who(a.account, ctx))} has no vote to withdraw.`,
  PriceTooHigh: (a) =>
    `A price of ${formatSolar(big(a.priceWeiPerUnit))} per unit is above the highest allowed, ${formatSolar(
      big(a.maxPriceWeiPerUnit),
    )}.`,
  InvalidUnits: (a) =>
    big(a.units) === 0n
      ? "A purchase must be for at least one unit."
      : `One purchase may buy at most ${num(a.maxUnits)} units.`,
  PriceAboveLimit: (a) =>
    `The price is now ${formatSolar(big(a.priceWeiPerUnit))} per unit, above the ${formatSolar(
      big(a.maxPriceWeiPerUnit),
    )} you agreed to pay.`,
  InsufficientCredit: (a, ctx) =>
    `${cap(who(a.consumer, ctx))} has ${formatMilliUnits(big(a.creditMilliUnits), ctx.unit)} of credit, less than the ${formatMilliUnits(
      big(a.requestedMilliUnits),
      ctx.unit,
    )} reported.`,
  RevenueCapExceeded: (a) =>
    `A payment of ${formatSolar(big(a.paymentWei))} would take the generator's lifetime revenue past its cap of ${formatSolar(
      big(a.maxCumulativeRevenueWei),
    )}.`,
  NothingToClaim: (a, ctx) => `${cap(who(a.account, ctx))} has no revenue to claim right now.`,

  // Solar Token and its sale (DX10)
  SaleClosed: (a) => `The token sale closed at ${date(a.deadline)}.`,
  SaleStillOpen: (a) => `The token sale is open until ${date(a.deadline)}; unsold tokens can be reclaimed only after.`,
  PaymentTooSmall: (a) =>
    `A payment of ${formatEther(big(a.paidWei))} ETH buys less than the smallest unit of SOLAR at ${formatEther(
      big(a.priceWeiPerToken),
    )} ETH per SOLAR.`,
  TrancheExceeded: (a) =>
    `Only ${formatSolar(big(a.remainingTokenWei))} are left for sale; that payment would buy ${formatSolar(
      big(a.requestedTokenWei),
    )}.`,
  NothingToWithdraw: () => "There is nothing to withdraw.",
  InvalidSaleParameter: (a) => `The sale's ${a.name} is zero or unusable.`,
  ERC20ExceededCap: (a) =>
    `That would take the Solar Token supply to ${formatSolar(big(a.increasedSupply))}, past its cap of ${formatSolar(
      big(a.cap),
    )}.`,
  ERC20InvalidCap: (a) => `A supply cap of ${formatSolar(big(a.cap))} is not allowed.`,
  OwnableUnauthorizedAccount: (a, ctx) => `Only the token's owner can do that, not ${who(a.account, ctx)}.`,
  OwnableInvalidOwner: (a, ctx) => `${cap(who(a.owner, ctx))} cannot own the token.`,
  ERC2612ExpiredSignature: (a) => `The permit signature expired at ${date(a.deadline)}.`,
  ERC2612InvalidSigner: (a, ctx) =>
    `The permit was signed by ${who(a.signer, ctx)}, not by the owner ${who(a.owner, ctx)}.`,
  InvalidAccountNonce: (a, ctx) =>
    `The signature used a stale nonce; ${who(a.account, ctx)}'s current nonce is ${a.currentNonce}.`,
  ECDSAInvalidSignature: () => "The signature is not valid.",
  ECDSAInvalidSignatureLength: (a) => `A signature of ${a.length} bytes is not valid.`,
  ECDSAInvalidSignatureS: () => "The signature is not valid (its s value is out of range).",
  InvalidShortString: () => "A name is not a valid short string.",
  StringTooLong: () => "A name is too long.",

  // ERC-20 (Solar Token, or a generator's shares)
  ERC20InsufficientBalance: (a, ctx) =>
    `${cap(who(a.sender, ctx))} has ${amount(a.balance, ctx)}, less than the ${amount(a.needed, ctx)} needed.`,
  ERC20InsufficientAllowance: (a, ctx) =>
    `${cap(who(a.spender, ctx))} is allowed to move only ${amount(a.allowance, ctx)}, less than the ${amount(
      a.needed,
      ctx,
    )} needed: approve more first.`,
  ERC20InvalidSender: (a, ctx) => `${cap(who(a.sender, ctx))} cannot send ${ctx.amounts}.`,
  ERC20InvalidReceiver: (a, ctx) => `${cap(who(a.receiver, ctx))} cannot receive ${ctx.amounts}.`,
  ERC20InvalidApprover: (a, ctx) => `${cap(who(a.approver, ctx))} cannot approve spending.`,
  ERC20InvalidSpender: (a, ctx) => `${cap(who(a.spender, ctx))} cannot be approved to spend.`,

  // OpenZeppelin utilities
  ReentrancyGuardReentrantCall: () => "A contract was called back while it was still busy; the call was refused.",
  SafeERC20FailedOperation: (a, ctx) => `The token at ${who(a.token, ctx)} refused the transfer.`,
  FailedDeployment: () => "Creating the generator contract failed.",
  CloneArgumentsTooLong: () => "The generator's configuration is too long to deploy.",
  InsufficientBalance: (a) =>
    `The contract has ${formatEther(big(a.balance))} ETH, less than the ${formatEther(big(a.needed))} ETH needed.`,
  FailedCall: () => "A call to another account failed.",

  ...energyRevertSentences,
  // After the energy sentences: the few names both use are told for either's arguments here.
  ...distributeRevertSentences,

  // Solidity built-ins
  Error: (a) => `The contract refused: ${a.message}.`,
  Panic: (a) => `The contract stopped with an internal error (panic code ${a.reason}).`,
};

/** A contract's refusal of a call or transaction, decoded. */
export class ContractRevertError extends DrexError {
  override name = "ContractRevertError";
  /** The custom error's name, e.g. "ExceedsFundingTarget"; "Error"/"Panic" for Solidity's own; "UnknownRevert" otherwise. */
  readonly errorName: string;
  /** The error's arguments, decoded, in order (bigint for integers, 0x strings for addresses). */
  readonly args: readonly unknown[];
  /** The same arguments by their names in the contract, e.g. { requestId, amountWei, remainingWei }. */
  readonly namedArgs: Readonly<Record<string, unknown>>;
  /** The refusal in plain English, fit to show a person. */
  readonly sentence: string;
  /** The raw revert data (selector and arguments), when the node returned it. */
  readonly data: Hex | undefined;
  readonly contractAddress: Address | undefined;
  readonly functionName: string | undefined;

  constructor(parameters: {
    errorName: string;
    args: readonly unknown[];
    namedArgs: Record<string, unknown>;
    sentence: string;
    data: Hex | undefined;
    contractAddress?: Address | undefined;
    functionName?: string | undefined;
    cause?: unknown;
  }) {
    const signature = `${parameters.errorName}(${parameters.args.map(String).join(", ")})`;
    super(parameters.sentence, {
      cause: parameters.cause,
      details: [
        parameters.functionName
          ? `${parameters.functionName} reverted with ${signature}`
          : `reverted with ${signature}`,
        parameters.contractAddress ? `at ${parameters.contractAddress}` : "",
      ]
        .filter(Boolean)
        .join(" "),
    });
    this.errorName = parameters.errorName;
    this.args = parameters.args;
    this.namedArgs = parameters.namedArgs;
    this.sentence = parameters.sentence;
    this.data = parameters.data;
    this.contractAddress = parameters.contractAddress;
    this.functionName = parameters.functionName;
  }
}

/** Decodes revert data against every D-REX ABI. Unknown selectors give errorName "UnknownRevert". */
export function decodeRevert(
  data: Hex | undefined,
  context: RevertContext = {},
): Pick<ContractRevertError, "errorName" | "args" | "namedArgs" | "sentence" | "data"> {
  const ctx = { amounts: "SOLAR" as const, unit: "kWh", ...context };
  if (data === undefined || data === "0x") {
    return {
      errorName: "UnknownRevert",
      args: [],
      namedArgs: {},
      sentence: "The contract refused without saying why.",
      data,
    };
  }
  let decoded: { errorName: string; args: readonly unknown[] | undefined; abiItem: AbiError };
  try {
    decoded = decodeErrorResult({ abi: drexErrorAbi, data }) as typeof decoded;
  } catch {
    return {
      errorName: "UnknownRevert",
      args: [data],
      namedArgs: { data },
      sentence: `The contract refused with an error this SDK does not know (${data.slice(0, 10)}).`,
      data,
    };
  }
  const args = decoded.args ?? [];
  const namedArgs: Record<string, unknown> = {};
  decoded.abiItem.inputs.forEach((input: { name?: string | undefined }, i: number) => {
    namedArgs[input.name || `arg${i}`] = args[i];
  });
  const sentenceOf = revertSentences[decoded.errorName];
  const sentence = sentenceOf ? sentenceOf(namedArgs, ctx) : `The contract refused with ${decoded.errorName}.`;
  return { errorName: decoded.errorName, args, namedArgs, sentence, data };
}

/**
 * The contract revert an error carries (from simulateContract, writeContract, estimateGas, call or readContract), as a
 * ContractRevertError; undefined when the error is not a revert (network trouble, bad input, no gas money).
 */
export function toContractRevertError(error: unknown, context: RevertContext = {}): ContractRevertError | undefined {
  if (error instanceof ContractRevertError) return error;
  let data: Hex | undefined;
  let reverted = false;
  let contractAddress: Address | undefined;
  let functionName: string | undefined;
  for (const e of errorChain(error)) {
    const name = (e as { name?: unknown }).name;
    if (name === "ContractFunctionExecutionError") {
      contractAddress = (e as { contractAddress?: Address }).contractAddress;
      functionName = (e as { functionName?: string }).functionName;
    }
    if (name === "ContractFunctionRevertedError" || name === "RawContractError" || name === "ExecutionRevertedError") {
      reverted = true;
    }
    if (data === undefined) {
      const candidate = revertDataOf(e);
      if (candidate !== undefined) {
        data = candidate;
        reverted = true;
      }
    }
  }
  if (!reverted) return undefined;
  return new ContractRevertError({ ...decodeRevert(data, context), contractAddress, functionName, cause: error });
}

/** The error's sentence retold with another context: names for addresses, say ("Only Amara can …"). */
export function retellRevert(error: ContractRevertError, context: RevertContext): string {
  if (error.data === undefined) return error.sentence;
  return decodeRevert(error.data, context).sentence;
}

/** Throws the ContractRevertError an error carries, else the error itself, unchanged. */
export function throwAsContractRevert(error: unknown, context: RevertContext = {}): never {
  throw toContractRevertError(error, context) ?? error;
}

// ------------------------------------------------------------------------------------------------- retryability

const RETRYABLE_CLASSES = [
  HttpRequestError,
  WebSocketRequestError,
  SocketClosedError,
  TimeoutError,
  LimitExceededRpcError,
  ResourceUnavailableRpcError,
  ProviderDisconnectedError,
  ChainDisconnectedError,
  NonceTooLowError,
  NonceTooHighError,
  TransactionReceiptNotFoundError,
  WaitForTransactionReceiptTimeoutError,
] as const;

/**
 * Whether trying the same call again, unchanged, may succeed: true for network trouble (HTTP, sockets, timeouts, rate
 * limits, an unavailable node) and nonce races; false for contract reverts, refused or malformed input and missing
 * funds, which only a change of input or state can fix.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof DrexError) {
    if (error.isRetryable) return true;
    if (error instanceof ContractRevertError || error instanceof TransactionRevertedError) return false;
    if (error instanceof InvalidParameterError) return false;
  }
  if (toContractRevertError(error) !== undefined) return false;
  for (const e of errorChain(error)) {
    if (RETRYABLE_CLASSES.some((cls) => e instanceof cls)) return true;
    if (e instanceof HttpRequestError || e instanceof RpcRequestError) {
      const status = (e as { status?: number }).status;
      if (status === 429 || (status !== undefined && status >= 500)) return true;
    }
    if (e instanceof InternalRpcError) return true;
    if (
      e instanceof BaseError &&
      /nonce too (low|high)|replacement transaction underpriced|already known/i.test(e.details)
    ) {
      return true;
    }
  }
  return false;
}

// ------------------------------------------------------------------------------------------------------- helpers

function* errorChain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e !== undefined && e !== null && !seen.has(e)) {
    seen.add(e);
    yield e;
    e = (e as { cause?: unknown }).cause;
  }
}

function walkErrors(error: unknown, fn?: (error: unknown) => boolean): unknown {
  let last: unknown;
  for (const e of errorChain(error)) {
    if (fn?.(e)) return e;
    last = e;
  }
  return fn ? undefined : last;
}

function revertDataOf(e: unknown): Hex | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const raw = (e as { raw?: unknown }).raw;
  if (isRevertData(raw)) return raw;
  // Only JSON-RPC errors (they carry a numeric code) put revert data in `data`; elsewhere `data` may be calldata.
  if (typeof (e as { code?: unknown }).code !== "number") return undefined;
  const data = (e as { data?: unknown }).data;
  if (isRevertData(data)) return data;
  if (typeof data === "object" && data !== null) {
    const inner = (data as { data?: unknown }).data;
    if (isRevertData(inner)) return inner;
  }
  return undefined;
}

function isRevertData(value: unknown): value is Hex {
  return typeof value === "string" && /^0x([0-9a-fA-F]{8})([0-9a-fA-F]{64})*$/.test(value);
}

function detailsOf(cause: unknown): string {
  if (cause instanceof BaseError) return cause.details || cause.shortMessage;
  if (cause instanceof Error) return cause.message;
  return "";
}

function who(value: unknown, ctx: RevertContext): string {
  const address = String(value);
  const name = ctx.names && Object.entries(ctx.names).find(([a]) => a.toLowerCase() === address.toLowerCase())?.[1];
  return name ?? `${address.slice(0, 6)}…${address.slice(-4)}`;
}

function amount(value: unknown, ctx: { amounts: "SOLAR" | "shares" }): string {
  return ctx.amounts === "shares" ? formatShares(big(value)) : formatSolar(big(value));
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

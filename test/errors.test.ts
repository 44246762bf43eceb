import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  HttpRequestError,
  InsufficientFundsError,
  NonceTooLowError,
  TimeoutError,
  UserRejectedRequestError,
  WaitForTransactionReceiptTimeoutError,
} from "viem";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { MarketplaceAbi } from "../sdk/abi/Marketplace.ts";
import { SolarTokenAbi } from "../sdk/abi/SolarToken.ts";
import {
  ContractRevertError,
  DrexError,
  decodeRevert,
  drexErrorAbi,
  InvalidParameterError,
  isRetryableError,
  revertSentences,
  TransactionRevertedError,
  throwAsContractRevert,
  toContractRevertError,
} from "../sdk/errors.ts";
import { parseSolar } from "../sdk/format.ts";

const ALICE = "0x00000000000000000000000000000000000a11ce";
const BOB = "0x0000000000000000000000000000000000000b0b";

describe("SDK errors", () => {
  it("DX4: ExceedsFundingTarget decodes to its name, args and sentence", () => {
    const data = encodeErrorResult({
      abi: MarketplaceAbi,
      errorName: "ExceedsFundingTarget",
      args: [3n, parseSolar("20"), parseSolar("12.5")],
    });
    const decoded = decodeRevert(data);
    assert.equal(decoded.errorName, "ExceedsFundingTarget");
    assert.deepEqual(decoded.args, [3n, parseSolar("20"), parseSolar("12.5")]);
    assert.deepEqual(decoded.namedArgs, {
      requestId: 3n,
      amountWei: parseSolar("20"),
      remainingWei: parseSolar("12.5"),
    });
    assert.equal(decoded.sentence, "That contribution is more than the 12.5 SOLAR still needed.");
  });

  it("DX3: status errors name the statuses in words", () => {
    const data = encodeErrorResult({ abi: MarketplaceAbi, errorName: "WrongRequestStatus", args: [1n, 1, 2] });
    assert.equal(
      decodeRevert(data).sentence,
      "Request #1 is open for bids, but this needs it to be waiting for its creator to accept a bid.",
    );
  });

  it("DX9: ERC-20 errors count SOLAR by default and shares when told", () => {
    const data = encodeErrorResult({ abi: GeneratorAbi, errorName: "ERC20InsufficientBalance", args: [ALICE, 5n, 7n] });
    assert.match(
      decodeRevert(data, { amounts: "shares" }).sentence,
      /has 5 shares \(0\.05%\), less than the 7 shares \(0\.07%\) needed/,
    );
    assert.match(decodeRevert(data).sentence, /has 0\.000000000000000005 SOLAR, less than/);
  });

  it("DX7: addresses can be shown by name", () => {
    const data = encodeErrorResult({ abi: GeneratorAbi, errorName: "NotRequester", args: [BOB, ALICE] });
    assert.equal(
      decodeRevert(data, { names: { [ALICE]: "Amara", [BOB]: "Bob" } }).sentence,
      "Only the consumer who made the request (Amara) can activate this generator, not Bob.",
    );
  });

  it("every custom error of every contract has a plain English sentence", () => {
    const missing = drexErrorAbi.map((e) => e.name).filter((name) => revertSentences[name] === undefined);
    assert.deepEqual(missing, []);
    // And every sentence can be produced from zero-valued arguments without throwing.
    for (const item of drexErrorAbi) {
      const args = item.inputs.map((input) =>
        input.type === "address"
          ? ALICE
          : input.type === "string"
            ? "location"
            : input.type === "bytes32"
              ? `0x${"0".repeat(64)}`
              : input.type === "uint8"
                ? 0
                : input.type === "bool"
                  ? false
                  : 0n,
      );
      const data = encodeErrorResult({ abi: [item], errorName: item.name, args } as never);
      const decoded = decodeRevert(data);
      assert.equal(decoded.errorName, item.name);
      assert.ok(decoded.sentence.length > 10 && decoded.sentence.endsWith("."), `${item.name}: ${decoded.sentence}`);
    }
  });

  it("a viem revert is turned into ContractRevertError, decoded against every D-REX ABI", () => {
    // The Generator's ABI does not know the token's cap error: the union does.
    const data = encodeErrorResult({
      abi: SolarTokenAbi,
      errorName: "ERC20ExceededCap",
      args: [parseSolar("101"), parseSolar("100")],
    });
    const viemError = new ContractFunctionExecutionError(
      new ContractFunctionRevertedError({ abi: GeneratorAbi, data, functionName: "activate" }),
      { abi: GeneratorAbi, functionName: "activate", args: [1n], contractAddress: ALICE },
    );
    const error = toContractRevertError(viemError);
    assert.ok(error instanceof ContractRevertError);
    assert.ok(error instanceof DrexError);
    assert.equal(error.errorName, "ERC20ExceededCap");
    assert.equal(error.functionName, "activate");
    assert.equal(error.contractAddress, ALICE);
    assert.equal(error.sentence, "That would take the Solar Token supply to 101 SOLAR, past its cap of 100 SOLAR.");
    assert.equal(error.shortMessage, error.sentence);
    assert.equal(error.isRetryable, false);
    assert.throws(() => throwAsContractRevert(viemError), ContractRevertError);
  });

  it("a revert without data is still a ContractRevertError; an unknown selector says so", () => {
    const empty = new ContractFunctionRevertedError({ abi: GeneratorAbi, functionName: "activate" });
    assert.equal(toContractRevertError(empty)?.errorName, "UnknownRevert");
    const unknown = new ContractFunctionRevertedError({ abi: [], data: "0xdeadbeef", functionName: "x" });
    const decoded = toContractRevertError(unknown);
    assert.equal(decoded?.errorName, "UnknownRevert");
    assert.match(decoded?.sentence ?? "", /0xdeadbeef/);
  });

  it("Solidity's own Error(string) and Panic decode too", () => {
    const data = encodeErrorResult({
      abi: [{ type: "error", name: "Error", inputs: [{ name: "message", type: "string" }] }],
      errorName: "Error",
      args: ["nope"],
    });
    assert.equal(decodeRevert(data).sentence, "The contract refused: nope.");
  });

  it("errors that are not reverts are rethrown unchanged", () => {
    const network = new HttpRequestError({ url: "http://127.0.0.1:8545", status: 503 });
    assert.equal(toContractRevertError(network), undefined);
    assert.throws(
      () => throwAsContractRevert(network),
      (e) => e === network,
    );
  });

  it("network trouble and nonce races are retryable; reverts, bad input and missing funds are not", () => {
    assert.equal(isRetryableError(new HttpRequestError({ url: "http://x", status: 503 })), true);
    assert.equal(isRetryableError(new TimeoutError({ body: {}, url: "http://x" })), true);
    assert.equal(isRetryableError(new NonceTooLowError({})), true);
    assert.equal(isRetryableError(new WaitForTransactionReceiptTimeoutError({ hash: "0x01" })), true);
    const revert = new ContractFunctionRevertedError({
      abi: MarketplaceAbi,
      data: encodeErrorResult({ abi: MarketplaceAbi, errorName: "ZeroContribution" }),
      functionName: "fund",
    });
    assert.equal(isRetryableError(revert), false);
    assert.equal(isRetryableError(toContractRevertError(revert)), false);
    assert.equal(isRetryableError(new InsufficientFundsError({})), false);
    assert.equal(isRetryableError(new UserRejectedRequestError(new Error("no"))), false);
    assert.equal(isRetryableError(new InvalidParameterError("units", "Buy at least one unit.")), false);
    assert.equal(
      isRetryableError(new TransactionRevertedError({ hash: "0x01", gasUsed: 1n, functionName: "fund" })),
      false,
    );
    assert.equal(isRetryableError(new Error("something else")), false);
  });
});

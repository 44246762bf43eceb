// `drex pool`: the constant-product pools between the Reward, Energy and Solar Tokens (MX6): create a pool, add and
// remove liquidity, swap with a minimum out, show reserves and a quote.
import { type Command, InvalidArgumentError } from "commander";
import { type Address, isAddressEqual, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { ConstantProductPoolAbi } from "../../sdk/abi/ConstantProductPool.ts";
import { PoolFactoryAbi } from "../../sdk/abi/PoolFactory.ts";
import { addLiquidity } from "../../sdk/actions/pool/addLiquidity.ts";
import { createPool } from "../../sdk/actions/pool/createPool.ts";
import { getPool } from "../../sdk/actions/pool/getPool.ts";
import { removeLiquidity } from "../../sdk/actions/pool/removeLiquidity.ts";
import { swap } from "../../sdk/actions/pool/swap.ts";
import { formatSolar } from "../../sdk/format.ts";
import {
  type ChainContext,
  type ChainFlags,
  openChainContext,
  openSigningContext,
  txFields,
  txLine,
  withChainFlags,
} from "../context.ts";
import { UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { table } from "../output.ts";
import { parseAddress, parseBps, parsePositiveTokenWei, parseTokenWei } from "../parse.ts";
import { energyOf } from "./energyDevice.ts";

const TOKEN_NAMES = ["energy", "reward", "solar"] as const;
type TokenRef = Address | (typeof TOKEN_NAMES)[number];
type PoolRef = { pool: Address } | { pair: [TokenRef, TokenRef] };

/** Slippage accepted on a swap when neither --min-out nor --slippage-bps is given: 0.5%. */
const DEFAULT_SLIPPAGE_BPS = 50;

/** A token: its address, or energy, reward or solar (the deployment's Energy, Reward and Solar Tokens). */
function parseTokenRef(text: string): TokenRef {
  const name = text.trim().toLowerCase();
  if ((TOKEN_NAMES as readonly string[]).includes(name)) return name as TokenRef;
  try {
    return parseAddress(text);
  } catch {
    throw new InvalidArgumentError("Give a token address, or energy, reward or solar.");
  }
}

/** A pool: its address, or its pair as "reward/energy". */
function parsePoolRef(text: string): PoolRef {
  const parts = text.split("/");
  if (parts.length === 2) return { pair: [parseTokenRef(parts[0] ?? ""), parseTokenRef(parts[1] ?? "")] };
  try {
    return { pool: parseAddress(text) };
  } catch {
    throw new InvalidArgumentError("Give the pool's address, or its pair like reward/energy.");
  }
}

function tokenAddress(context: ChainContext, token: TokenRef): Address {
  if (token === "energy") return energyOf(context).energyToken;
  if (token === "reward") return energyOf(context).rewardToken;
  if (token === "solar") return context.deployment.addresses.token;
  return token;
}

/** The pool named by --pool, checked to be one of this deployment's factory's pools. */
async function resolvePool(context: ChainContext, ref: PoolRef): Promise<Address> {
  const poolFactory = energyOf(context).poolFactory;
  if ("pair" in ref) {
    const [a, b] = ref.pair.map((token) => tokenAddress(context, token)) as [Address, Address];
    const pool = await readContract(context.publicClient, {
      address: poolFactory,
      abi: PoolFactoryAbi,
      functionName: "getPool",
      args: [a, b],
    });
    if (pool === zeroAddress)
      throw new UsageError("--pool", "that pair has no pool yet: create it with drex pool create");
    return pool;
  }
  const factory = await readContract(context.publicClient, {
    address: ref.pool,
    abi: ConstantProductPoolAbi,
    functionName: "factory",
  }).catch(() => null);
  if (factory === null || !isAddressEqual(factory, poolFactory)) {
    throw new UsageError("--pool", `${ref.pool} is not a pool of this deployment`);
  }
  return ref.pool;
}

const tokens = (amountWei: bigint) => formatSolar(amountWei, { symbol: false });

export function registerPoolCommands(program: Command): void {
  const pool = program
    .command("pool")
    .description("Liquidity pools between Reward, Energy and Solar Tokens: create, add, remove, swap, show (MX6).");
  withExamples(pool, [
    "drex pool show --pool reward/energy",
    "drex pool swap --pool reward/energy --token-in reward --amount 10",
  ]);

  withExamples(
    withChainFlags(
      pool
        .command("create")
        .description("Create the pool of a pair that has none.")
        .requiredOption("--token-a <token>", "a token address, or energy, reward or solar", parseTokenRef)
        .requiredOption("--token-b <token>", "the other", parseTokenRef),
    ),
    ["drex pool create --token-a reward --token-b solar"],
  ).action(async (flags: ChainFlags & { tokenA: TokenRef; tokenB: TokenRef }) => {
    const context = await openSigningContext(flags);
    const [tokenA, tokenB] = [tokenAddress(context, flags.tokenA), tokenAddress(context, flags.tokenB)];
    if (isAddressEqual(tokenA, tokenB)) throw new UsageError("--token-b", "must differ from --token-a");
    const result = await createPool(context.wallet, { poolFactory: energyOf(context).poolFactory, tokenA, tokenB });
    context.output.result(
      { pool: result.pool, token0: result.token0, token1: result.token1, ...txFields(result) },
      () => [`Created pool ${result.pool} (token0 ${result.token0}, token1 ${result.token1}).`, txLine(result)],
    );
  });

  const withPool = (command: Command) =>
    command.requiredOption("--pool <pool>", "the pool's address, or its pair like reward/energy", parsePoolRef);

  withExamples(
    withChainFlags(
      withPool(pool.command("add").description("Deposit both tokens (approving the pool as needed) for pool shares."))
        .requiredOption(
          "--amount0 <tokens>",
          "the most of token0 to deposit (see drex pool show)",
          parsePositiveTokenWei,
        )
        .requiredOption("--amount1 <tokens>", "the most of token1 to deposit", parsePositiveTokenWei)
        .option("--min0 <tokens>", "the least of token0 you accept to deposit (default 0)", parseTokenWei)
        .option("--min1 <tokens>", "the least of token1 you accept to deposit (default 0)", parseTokenWei)
        .option("--to <address>", "who receives the shares (default you)", parseAddress),
    ),
    ["drex pool add --pool reward/energy --amount0 100 --amount1 50"],
  ).action(
    async (
      flags: ChainFlags & {
        pool: PoolRef;
        amount0: bigint;
        amount1: bigint;
        min0?: bigint;
        min1?: bigint;
        to?: Address;
      },
    ) => {
      const context = await openSigningContext(flags);
      const address = await resolvePool(context, flags.pool);
      const result = await addLiquidity(context.wallet, {
        pool: address,
        amount0Wei: flags.amount0,
        amount1Wei: flags.amount1,
        ...(flags.min0 === undefined ? {} : { amount0MinWei: flags.min0 }),
        ...(flags.min1 === undefined ? {} : { amount1MinWei: flags.min1 }),
        ...(flags.to === undefined ? {} : { to: flags.to }),
      });
      context.output.result(
        {
          pool: address,
          amount0Wei: result.amount0Wei,
          amount1Wei: result.amount1Wei,
          shares: result.shares,
          approvalHashes: result.approvalHashes,
          ...txFields(result),
        },
        () => [
          `Deposited ${tokens(result.amount0Wei)} token0 and ${tokens(result.amount1Wei)} token1 for ${tokens(result.shares)} shares.`,
          txLine(result),
        ],
      );
    },
  );

  withExamples(
    withChainFlags(
      withPool(pool.command("remove").description("Redeem pool shares for your part of both reserves, fees included."))
        .requiredOption(
          "--shares <shares>",
          "pool shares to redeem (18 decimals, like the tokens)",
          parsePositiveTokenWei,
        )
        .option("--min0 <tokens>", "the least token0 you accept back (default 0)", parseTokenWei)
        .option("--min1 <tokens>", "the least token1 you accept back (default 0)", parseTokenWei)
        .option("--to <address>", "who receives the tokens (default you)", parseAddress),
    ),
    ["drex pool remove --pool reward/energy --shares 10"],
  ).action(
    async (flags: ChainFlags & { pool: PoolRef; shares: bigint; min0?: bigint; min1?: bigint; to?: Address }) => {
      const context = await openSigningContext(flags);
      const address = await resolvePool(context, flags.pool);
      const result = await removeLiquidity(context.wallet, {
        pool: address,
        shares: flags.shares,
        ...(flags.min0 === undefined ? {} : { amount0MinWei: flags.min0 }),
        ...(flags.min1 === undefined ? {} : { amount1MinWei: flags.min1 }),
        ...(flags.to === undefined ? {} : { to: flags.to }),
      });
      context.output.result(
        {
          pool: address,
          shares: flags.shares,
          amount0Wei: result.amount0Wei,
          amount1Wei: result.amount1Wei,
          ...txFields(result),
        },
        () => [
          `Redeemed ${tokens(flags.shares)} shares for ${tokens(result.amount0Wei)} token0 and ${tokens(result.amount1Wei)} token1.`,
          txLine(result),
        ],
      );
    },
  );

  withExamples(
    withChainFlags(
      withPool(
        pool
          .command("swap")
          .description(
            `Swap an exact amount of one token for the other (approving the pool as needed), for at least --min-out, or the quote less --slippage-bps (default ${DEFAULT_SLIPPAGE_BPS}).`,
          ),
      )
        .requiredOption(
          "--token-in <token>",
          "what you pay: a token address, or energy, reward or solar",
          parseTokenRef,
        )
        .requiredOption("--amount <tokens>", "how much you pay", parsePositiveTokenWei)
        .option("--min-out <tokens>", "the least you accept out", parseTokenWei)
        .option("--slippage-bps <bps>", "or: quote first and accept this much less, basis points", parseBps)
        .option("--to <address>", "who receives the tokens out (default you)", parseAddress),
    ),
    ["drex pool swap --pool reward/energy --token-in reward --amount 10 --slippage-bps 100"],
  ).action(
    async (
      flags: ChainFlags & {
        pool: PoolRef;
        tokenIn: TokenRef;
        amount: bigint;
        minOut?: bigint;
        slippageBps?: number;
        to?: Address;
      },
    ) => {
      if (flags.minOut !== undefined && flags.slippageBps !== undefined) {
        throw new UsageError("--min-out", "give --min-out or --slippage-bps, not both");
      }
      const context = await openSigningContext(flags);
      const address = await resolvePool(context, flags.pool);
      const tokenIn = tokenAddress(context, flags.tokenIn);
      const shown = await getPool(context.publicClient, { pool: address });
      if (!isAddressEqual(tokenIn, shown.token0) && !isAddressEqual(tokenIn, shown.token1)) {
        throw new UsageError("--token-in", `${tokenIn} is neither of the pool's tokens`);
      }
      const limit =
        flags.minOut !== undefined
          ? { minAmountOutWei: flags.minOut }
          : { slippageBps: flags.slippageBps ?? DEFAULT_SLIPPAGE_BPS };
      const result = await swap(context.wallet, {
        pool: address,
        tokenIn,
        amountInWei: flags.amount,
        ...limit,
        ...(flags.to === undefined ? {} : { to: flags.to }),
      });
      context.output.result(
        {
          pool: address,
          tokenIn,
          amountInWei: flags.amount,
          amountOutWei: result.amountOutWei,
          minAmountOutWei: result.minAmountOutWei,
          approvalHash: result.approvalHash,
          ...txFields(result),
        },
        () => [`Swapped ${tokens(flags.amount)} for ${tokens(result.amountOutWei)}.`, txLine(result)],
      );
    },
  );

  withExamples(
    withChainFlags(
      withPool(pool.command("show").description("Show a pool's tokens, reserves and shares, and optionally a quote."))
        .option("--quote-in <token>", "quote a swap paying this token", parseTokenRef)
        .option("--quote-amount <tokens>", "of this much", parsePositiveTokenWei),
    ),
    ["drex pool show --pool reward/energy", "drex pool show --pool 0x… --quote-in reward --quote-amount 10 --json"],
  ).action(async (flags: ChainFlags & { pool: PoolRef; quoteIn?: TokenRef; quoteAmount?: bigint }) => {
    if ((flags.quoteIn === undefined) !== (flags.quoteAmount === undefined)) {
      throw new UsageError("--quote-amount", "give --quote-in and --quote-amount together");
    }
    const context = await openChainContext(flags);
    const address = await resolvePool(context, flags.pool);
    const shown = await getPool(context.publicClient, {
      pool: address,
      ...(flags.quoteIn === undefined || flags.quoteAmount === undefined
        ? {}
        : { quote: { tokenIn: tokenAddress(context, flags.quoteIn), amountInWei: flags.quoteAmount } }),
    });
    context.output.result(shown, () => [
      `Pool ${address} (${shown.symbol0}/${shown.symbol1})`,
      ...table([
        ["token0", `${shown.token0} (${shown.symbol0})`],
        ["token1", `${shown.token1} (${shown.symbol1})`],
        ["reserves", `${tokens(shown.reserve0Wei)} ${shown.symbol0} / ${tokens(shown.reserve1Wei)} ${shown.symbol1}`],
        ["shares", tokens(shown.totalShares)],
        ["fee", `${shown.feeBps} bps`],
        ...(shown.quoteOutWei === null ? [] : ([["quote out", tokens(shown.quoteOutWei)]] as [string, string][])),
      ]),
    ]);
  });
}

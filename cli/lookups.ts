// Checks that ids and addresses given on the command line name something on this deployment, made before anything
// is sent: a typo in an id must fail as a bad flag, not as a mined transaction or a wasted approval.
import { type Address, isAddressEqual, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { MarketplaceAbi } from "../sdk/abi/Marketplace.ts";
import { describeStatus, requestStatusName } from "../sdk/status.ts";
import type { ChainContext } from "./context.ts";
import { CliError, UsageError } from "./errors.ts";

export function requireRequest(context: ChainContext, requestId: bigint, field = "--request"): Promise<void> {
  return requireCounted(context, "requestCount", "request", requestId, field);
}

export function requireBid(context: ChainContext, bidId: bigint, field = "--bid"): Promise<void> {
  return requireCounted(context, "bidCount", "bid", bidId, field);
}

/** Ids are numbered from 1 up to the marketplace's count of them. */
async function requireCounted(
  context: ChainContext,
  functionName: "requestCount" | "bidCount",
  noun: string,
  id: bigint,
  field: string,
): Promise<void> {
  const count = await readContract(context.publicClient, {
    address: context.deployment.addresses.marketplace,
    abi: MarketplaceAbi,
    functionName,
  });
  if (id > count) throw new UsageError(field, `there is no ${noun} #${id} (the marketplace has ${count})`);
}

export type GeneratorChoice = { generator?: Address | undefined; request?: bigint | undefined };

/** The generator named by --generator, or the one request --request created. */
export async function resolveGenerator(context: ChainContext, choice: GeneratorChoice): Promise<Address> {
  const marketplace = context.deployment.addresses.marketplace;
  if (choice.generator !== undefined && choice.request !== undefined) {
    throw new UsageError("--generator", "give --generator or --request, not both");
  }
  if (choice.generator !== undefined) {
    const generator = choice.generator;
    let ownMarketplace: Address;
    try {
      ownMarketplace = (
        await readContract(context.publicClient, { address: generator, abi: GeneratorAbi, functionName: "state" })
      ).marketplace;
    } catch {
      throw new UsageError("--generator", `${generator} is not a D-REX generator`);
    }
    if (!isAddressEqual(ownMarketplace, marketplace)) {
      throw new UsageError("--generator", `${generator} belongs to another marketplace (${ownMarketplace})`);
    }
    return generator;
  }
  if (choice.request === undefined) {
    throw new UsageError("--generator", "say which generator: --generator ADDRESS or --request ID");
  }
  await requireRequest(context, choice.request);
  const [request, status] = await readContract(context.publicClient, {
    address: marketplace,
    abi: MarketplaceAbi,
    functionName: "getRequest",
    args: [choice.request],
  });
  if (request.generator === zeroAddress) {
    throw new CliError(
      `request #${choice.request} has no generator yet: it is ${describeStatus(requestStatusName(status))}`,
    );
  }
  return request.generator;
}

/** The unit a generator sells in ("kWh"), from its request. */
export async function generatorUnit(context: ChainContext, generator: Address): Promise<string> {
  const { requestId, marketplace } = await readContract(context.publicClient, {
    address: generator,
    abi: GeneratorAbi,
    functionName: "state",
  });
  const [request] = await readContract(context.publicClient, {
    address: marketplace,
    abi: MarketplaceAbi,
    functionName: "getRequest",
    args: [requestId],
  });
  return request.unit;
}

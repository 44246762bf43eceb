import type { Address, Hash } from "viem";
import { readContract } from "viem/actions";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { InvalidParameterError } from "../../errors.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";

export type BuyEnergyParameters = {
  generator: Address;
  /** Whole units to buy (kWh for electricity). */
  units: bigint;
  /**
   * The most the buyer will pay per unit. Default: the price read just before sending, so a vote that raises the
   * price in between makes the purchase revert (PriceAboveLimit) instead of costing more than shown.
   */
  maxPriceWeiPerUnit?: bigint;
  /** The Solar Token; read from the generator when omitted. */
  token?: Address;
};

export type BuyEnergyReturnType = WriteResult & {
  approvalHash: Hash | null;
  priceWeiPerUnit: bigint;
  costWei: bigint;
  /** The buyer's whole credit after the purchase, in milli-units (Wh for kWh). */
  creditMilliUnits: bigint;
};

/** Pays Solar Tokens for units of energy at the current vote price (DX8); approves the generator first if needed. */
export async function buyEnergy(client: DrexWalletClient, params: BuyEnergyParameters): Promise<BuyEnergyReturnType> {
  if (params.units <= 0n) throw new InvalidParameterError("units", "Buy at least one unit.");
  const state = await readContract(client, { address: params.generator, abi: GeneratorAbi, functionName: "state" });
  const maxPriceWeiPerUnit = params.maxPriceWeiPerUnit ?? state.priceWeiPerUnit;
  const approval = await ensureAllowance(client, {
    token: params.token ?? state.token,
    spender: params.generator,
    amountWei: params.units * maxPriceWeiPerUnit,
  });
  const result = await simulateAndWrite(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "buyEnergy",
    args: [params.units, maxPriceWeiPerUnit],
  });
  const event = eventFrom(result.receipt.logs, params.generator, GeneratorAbi, "EnergyPurchased");
  return {
    ...result,
    approvalHash: approval.hash,
    priceWeiPerUnit: event.args.priceWeiPerUnit,
    costWei: event.args.costWei,
    creditMilliUnits: event.args.creditMilliUnits,
  };
}

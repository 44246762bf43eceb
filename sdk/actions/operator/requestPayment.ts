import type { Address } from "viem";
import { EnergyPaymentsAbi } from "../../abi/EnergyPayments.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

/** What an operator claims for one device and one month (IEnergyPayments.PaymentClaim). */
export type PaymentClaim = {
  deviceId: bigint;
  /** The UTC month, YYYYMM. */
  period: number;
  /** The first and last (inclusive) readings commit periods (hours) the claim rests on; both must be committed. */
  firstRootPeriodId: bigint;
  lastRootPeriodId: bigint;
  /** Energy sent in the month: what is to be paid. */
  sentWh: bigint;
  readingCount: number;
  gaps: number;
  uptimeBps: number;
  lossWh: bigint;
};

export type RequestPaymentParameters = PaymentClaim & { energyPayments: Address };

export type RequestPaymentReturnType = WriteResult & { requestId: bigint };

/**
 * The device's operator requests payment for a month's energy, citing the integrity figures the node computed; the
 * Technical DAO then votes to approve (minting) or refuse it (MX4).
 */
export async function requestPayment(
  client: DrexWalletClient,
  params: RequestPaymentParameters,
): Promise<RequestPaymentReturnType> {
  const { energyPayments, ...claim } = params;
  const result = await simulateAndWrite(client, {
    address: energyPayments,
    abi: EnergyPaymentsAbi,
    functionName: "requestPayment",
    args: [claim],
  });
  const event = eventFrom(result.receipt.logs, energyPayments, EnergyPaymentsAbi, "PaymentRequested");
  return { ...result, requestId: event.args.requestId };
}

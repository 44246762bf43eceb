// A request's status now, from its indexed row and the clock: Marketplace._status's time rules in TypeScript, so the
// API shows Lapsed, FinancingFailed or ActivationFailed without a transaction having happened.
import type { RequestStatus } from "../../sdk/status.ts";
import type { RequestRow } from "../store/views.ts";

/**
 * @param generatorActive whether the request's generator is activated (it always is when the phase is "Active").
 * @param nowSeconds the unix time to judge at, normally the latest block's timestamp.
 */
export function effectiveStatus(
  row: Pick<RequestRow, "phase" | "biddingEndsAt" | "acceptanceEndsAt" | "financingDeadline" | "activationDeadline">,
  generatorActive: boolean,
  nowSeconds: bigint,
): RequestStatus {
  switch (row.phase) {
    case "Bidding":
      if (nowSeconds <= row.biddingEndsAt) return "Bidding";
      return nowSeconds <= row.acceptanceEndsAt ? "AwaitingAcceptance" : "Lapsed";
    case "Cancelled":
      return "Cancelled";
    case "Financing":
      return row.financingDeadline !== null && nowSeconds <= row.financingDeadline ? "Financing" : "FinancingFailed";
    case "Funded":
      if (generatorActive) return "Active";
      return row.activationDeadline !== null && nowSeconds <= row.activationDeadline ? "Funded" : "ActivationFailed";
    case "Active":
      return "Active";
  }
}

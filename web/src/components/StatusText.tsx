// A request's status in words, with what it means for the people involved.
import { describeStatus } from "../../../sdk/status.ts";
import type { RequestStatus } from "../api/types.ts";

const MEANING: Record<RequestStatus, string> = {
  None: "",
  Bidding: "providers may bid",
  AwaitingAcceptance: "bidding closed; the consumer may accept a bid",
  Lapsed: "no bid was accepted in time",
  Cancelled: "the consumer cancelled it",
  Financing: "financiers may fund it",
  FinancingFailed: "not funded in time; financiers may take their money back",
  Funded: "funded; waiting for installation and activation",
  ActivationFailed: "not activated in time; financiers may take their money back",
  Active: "the generator is running",
};

export function StatusText({ status }: { status: RequestStatus }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      {describeStatus(status)}
      <span className="status-meaning"> — {MEANING[status]}</span>
    </span>
  );
}

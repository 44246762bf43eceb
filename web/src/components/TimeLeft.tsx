// Time left until a deadline, by the chain's clock (which development time travel may have moved ahead).
import { formatDuration } from "../../../sdk/format.ts";
import { useChainNow } from "../chain/chainClock.ts";

export function TimeLeft({ until, endedText = "ended" }: { until: bigint; endedText?: string }) {
  const now = useChainNow();
  if (until <= now) return <span className="time-left ended">{endedText}</span>;
  return <span className="time-left">{formatDuration(until - now)} left</span>;
}

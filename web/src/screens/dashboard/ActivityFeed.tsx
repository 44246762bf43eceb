// The latest activity, live: the last page read once, then every new event pushed by the node's event stream.
import { useEffect, useState } from "react";
import { useActivityListener } from "../../api/activityStream.tsx";
import { decodeActivityList } from "../../api/decode.ts";
import { describeError } from "../../api/describeError.ts";
import { getJson } from "../../api/http.ts";
import { useNodeStatus } from "../../api/nodeStatus.tsx";
import type { ActivityItem } from "../../api/types.ts";
import { observeBlockTime } from "../../chain/chainClock.ts";
import { shortAddress } from "../../components/AddressText.tsx";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { describeActivity } from "./describeActivity.ts";

const SHOWN = 25;
/** Enough rows that SHOWN remain once the bookkeeping events are left out. */
const READ = 100;
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/**
 * Token approvals and movements, and the revenue booked with every payment, repeat what the purchase, funding or
 * claim beside them already says; shares written to storage on an owner's first action are not a transfer.
 */
function isWorthShowing(item: ActivityItem): boolean {
  if (item.eventName === "Approval" || item.eventName === "RevenueReceived") return false;
  if (item.eventName === "Transfer") return item.contract === "generator" && item.args.from !== ZERO_ADDRESS;
  return true;
}

function merge(current: ActivityItem[], incoming: ActivityItem[]): ActivityItem[] {
  const byId = new Map<bigint, ActivityItem>();
  for (const item of [...incoming.filter(isWorthShowing), ...current]) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, SHOWN);
}

export function ActivityFeed() {
  const { labelOf } = useWallet();
  const addresses = useNodeStatus().data?.addresses;
  const [items, setItems] = useState<ActivityItem[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getJson(`/api/v1/activity?limit=${READ}`, controller.signal)
      .then((json) => {
        const rows = decodeActivityList(json);
        for (const row of rows) observeBlockTime(row.timestamp);
        setItems((current) => merge(current, rows));
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(describeError(e));
      });
    return () => controller.abort();
  }, []);

  useActivityListener((item) => setItems((current) => merge(current, [item])));

  const name = (address: string) => {
    const lower = address.toLowerCase();
    if (lower === addresses?.marketplace.toLowerCase()) return "the marketplace";
    if (lower === addresses?.token.toLowerCase()) return "the Solar Token";
    return labelOf(address) ?? shortAddress(address);
  };
  return (
    <section aria-labelledby="activity-heading" className="panel">
      <h2 id="activity-heading">Activity</h2>
      {error ? <p role="alert">Could not load the activity: {error}</p> : null}
      <div role="log" aria-label="Latest activity, newest first">
        <ol className="activity">
          {items.map((item) => (
            <li key={item.id.toString()}>
              <span className="activity-what">{describeActivity(item, name)}</span>{" "}
              <span className="activity-when">
                block {item.blockNumber.toString()}, {new Date(Number(item.timestamp) * 1000).toLocaleString()}
              </span>
            </li>
          ))}
        </ol>
      </div>
      {items.length === 0 && !error ? <p>No activity yet.</p> : null}
    </section>
  );
}

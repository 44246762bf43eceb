// MX1: every event of a device, oldest first: application, the DAO's decisions, attribute and key changes.
import type { DeviceEvent, DeviceEventKind } from "../../api/energyTypes.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { formatTime } from "../energy/energyFormat.ts";

const EVENT_TEXT: Record<DeviceEventKind, string> = {
  applied: "Applied for",
  approved: "Approved by the DAO; soulbound token minted",
  rejected: "Rejected by the DAO",
  suspended: "Suspended by the DAO",
  reinstated: "Reinstated by the DAO",
  revoked: "Revoked by the DAO; token burnt",
  attributesUpdated: "Attributes updated",
  ratingsUpdated: "Ratings updated by the DAO",
  keyChanged: "Key changed by the DAO",
};

function Details({ details }: { details: Record<string, string> }) {
  const entries = Object.entries(details).filter(([, v]) => v !== "");
  if (entries.length === 0) return null;
  return <span className="muted"> — {entries.map(([k, v]) => `${k}: ${v}`).join("; ")}</span>;
}

export function DeviceHistory({ history }: { history: DeviceEvent[] }) {
  const oldestFirst = [...history].sort((a, b) =>
    a.blockNumber < b.blockNumber ? -1 : a.blockNumber > b.blockNumber ? 1 : 0,
  );
  return (
    <section aria-labelledby="history-heading" className="panel">
      <h2 id="history-heading">History</h2>
      {oldestFirst.length === 0 ? (
        <p>No events yet.</p>
      ) : (
        <ol className="activity device-history" aria-label="Events of the device, oldest first">
          {oldestFirst.map((e) => (
            <li key={`${e.transactionHash}-${e.kind}`} data-testid="device-event" data-kind={e.kind}>
              <strong>{EVENT_TEXT[e.kind]}</strong>
              {e.by ? (
                <>
                  {" "}
                  by <AddressText address={e.by} />
                </>
              ) : null}
              <Details details={e.details} />
              <br />
              <span className="activity-when">
                {formatTime(e.timestamp)}, block {e.blockNumber.toString()}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

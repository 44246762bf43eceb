// MX3, MX7: storage nodes and what each device keeps there, the latest stores with their transmission loss (a loss
// above the sending device's declared maximum is flagged, in words), and the latest take-outs.
import type { StorageOverview as Storage } from "../../api/energyTypes.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { deviceHref } from "../../routing/useHashRoute.ts";
import { formatTime, formatWh } from "./energyFormat.ts";

function DeviceLink({ id }: { id: bigint }) {
  return <a href={deviceHref(id)}>#{id.toString()}</a>;
}

export function StorageOverview({ storage }: { storage: Storage }) {
  const flagged = storage.stores.filter((s) => s.flagged).length;
  return (
    <>
      <h3>Storage nodes</h3>
      {storage.nodes.length === 0 ? <p>No storage node is registered yet.</p> : null}
      {storage.nodes.map((n) => {
        const id = n.deviceId.toString();
        return (
          <article key={id} className="card" aria-labelledby={`node-${id}`} data-testid="storage-node">
            <h4 id={`node-${id}`}>
              Storage node <DeviceLink id={n.deviceId} /> ({n.status})
            </h4>
            <p>
              Stored {formatWh(n.storedWh)}, {formatWh(n.pendingTakeOutWh)} reserved for take-outs;{" "}
              {n.excessiveLossCount === 0n
                ? "no excessive loss recorded."
                : `⚠ ${n.excessiveLossCount} stores with a loss above the sender's maximum.`}{" "}
              Key <AddressText address={n.key} />, operator <AddressText address={n.operator} />.
            </p>
            {n.depositors.length > 0 ? (
              <table className="responsive">
                <caption>Stored per depositor at node #{id}</caption>
                <thead>
                  <tr>
                    <th scope="col">Depositor</th>
                    <th scope="col">Stored</th>
                    <th scope="col">Reserved for take-out</th>
                  </tr>
                </thead>
                <tbody>
                  {n.depositors.map((d) => (
                    <tr key={d.depositorId.toString()}>
                      <th scope="row" data-label="Depositor">
                        Device <DeviceLink id={d.depositorId} />
                      </th>
                      <td data-label="Stored">{formatWh(d.storedWh)}</td>
                      <td data-label="Reserved for take-out">{formatWh(d.pendingTakeOutWh)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">Nothing stored here yet.</p>
            )}
          </article>
        );
      })}
      <h3>Recent stores</h3>
      {storage.stores.length === 0 ? (
        <p>No energy has been sent for storage yet.</p>
      ) : (
        <>
          <p data-testid="flagged-count">
            {flagged === 0
              ? "No recent store lost more than its device's declared maximum."
              : `⚠ ${flagged} of the recent stores lost more than the sending device's declared maximum.`}
          </p>
          <table className="responsive">
            <caption>The latest stores, with the transmission loss</caption>
            <thead>
              <tr>
                <th scope="col">Store</th>
                <th scope="col">Node</th>
                <th scope="col">Depositor</th>
                <th scope="col">Sent</th>
                <th scope="col">Received</th>
                <th scope="col">Loss</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {storage.stores.map((s) => (
                <tr
                  key={s.storeId.toString()}
                  className={s.flagged ? "row-flagged" : undefined}
                  data-testid="store-row"
                >
                  <th scope="row" data-label="Store">
                    #{s.storeId.toString()}
                  </th>
                  <td data-label="Node">
                    <DeviceLink id={s.nodeId} />
                  </td>
                  <td data-label="Depositor">
                    <DeviceLink id={s.depositorId} />
                  </td>
                  <td data-label="Sent">{formatWh(s.sentWh)}</td>
                  <td data-label="Received">{s.receivedWh === null ? "not confirmed yet" : formatWh(s.receivedWh)}</td>
                  <td data-label="Loss">
                    {s.lossWh === null ? "—" : formatWh(s.lossWh)}
                    {s.flagged ? <strong className="check-result-flag"> ⚠ Flagged: above the maximum</strong> : null}
                  </td>
                  <td data-label="Status">
                    {s.status}, {formatTime(s.requestedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Recent take-outs</h3>
      {storage.takeOuts.length === 0 ? (
        <p>No energy has been taken out yet.</p>
      ) : (
        <table className="responsive">
          <caption>The latest take-outs</caption>
          <thead>
            <tr>
              <th scope="col">Take-out</th>
              <th scope="col">Node</th>
              <th scope="col">Depositor</th>
              <th scope="col">Asked for</th>
              <th scope="col">Delivered</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {storage.takeOuts.map((t) => (
              <tr key={t.takeOutId.toString()} data-testid="take-out-row">
                <th scope="row" data-label="Take-out">
                  #{t.takeOutId.toString()}
                </th>
                <td data-label="Node">
                  <DeviceLink id={t.nodeId} />
                </td>
                <td data-label="Depositor">
                  <DeviceLink id={t.depositorId} />
                </td>
                <td data-label="Asked for">{formatWh(t.requestedWh)}</td>
                <td data-label="Delivered">{t.deliveredWh === null ? "not yet" : formatWh(t.deliveredWh)}</td>
                <td data-label="Status">
                  {t.status}, {formatTime(t.requestedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

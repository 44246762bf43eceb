// MX1: the device registry, newest first, filtered by status and kind, a page at a time.
import { useId, useState } from "react";
import { decodeDeviceList } from "../../api/energyDecode.ts";
import { DEVICE_KINDS, DEVICE_STATUSES } from "../../api/energyTypes.ts";
import { useApi } from "../../api/useApi.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { SelectField } from "../../forms/Field.tsx";
import { deviceHref } from "../../routing/useHashRoute.ts";
import { formatBps, formatTime, kindLabel } from "../energy/energyFormat.ts";
import { MorePager } from "../energy/MorePager.tsx";
import { DeviceStatusText } from "./DeviceStatusText.tsx";

const DEVICES_PER_PAGE = 20;

export function DeviceRegistry() {
  const idBase = useId();
  const [status, setStatus] = useState("");
  const [kind, setKind] = useState("");
  const [page, setPage] = useState(0);
  const query = new URLSearchParams({
    limit: String(DEVICES_PER_PAGE + 1),
    offset: String(page * DEVICES_PER_PAGE),
  });
  if (status) query.set("status", status);
  if (kind) query.set("kind", kind);
  const read = useApi(`/api/v1/energy/devices?${query}`, decodeDeviceList);
  const rows = (read.data ?? []).slice(0, DEVICES_PER_PAGE);
  const hasNext = (read.data?.length ?? 0) > DEVICES_PER_PAGE;

  return (
    <section aria-labelledby="registry-heading" className="panel">
      <h2 id="registry-heading">Device registry</h2>
      <fieldset className="filters">
        <legend>Filter devices</legend>
        <SelectField
          id={`${idBase}-status`}
          label="Status"
          value={status}
          error={null}
          onChange={(v) => {
            setStatus(v);
            setPage(0);
          }}
          options={[{ value: "", label: "any" }, ...DEVICE_STATUSES.map((s) => ({ value: s, label: s }))]}
        />
        <SelectField
          id={`${idBase}-kind`}
          label="Kind"
          value={kind}
          error={null}
          onChange={(v) => {
            setKind(v);
            setPage(0);
          }}
          options={[{ value: "", label: "any" }, ...DEVICE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))]}
        />
      </fieldset>
      <LoadState loading={read.loading} error={read.error} what="the devices" />
      {read.data && rows.length === 0 ? (
        <p>{status || kind ? "No device matches these filters." : "No device has been applied for yet."}</p>
      ) : null}
      {rows.length > 0 ? (
        <table className="responsive">
          <caption>Devices, newest first, page {page + 1}</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Rated power</th>
              <th scope="col">Max loss</th>
              <th scope="col">Location</th>
              <th scope="col">Operator</th>
              <th scope="col">Applied</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.deviceId.toString()} data-testid="device-row">
                <th scope="row" data-label="Device">
                  <a href={deviceHref(d.deviceId)}>Device #{d.deviceId.toString()}</a>
                </th>
                <td data-label="Kind">{kindLabel(d.kind)}</td>
                <td data-label="Status">
                  <DeviceStatusText status={d.status} />
                </td>
                <td data-label="Rated power">{d.ratedPowerW.toString()} W</td>
                <td data-label="Max loss">{formatBps(d.maxLossBps)}</td>
                <td data-label="Location">{d.location}</td>
                <td data-label="Operator">
                  <AddressText address={d.operator} />
                </td>
                <td data-label="Applied">{formatTime(d.appliedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <MorePager page={page} hasNext={hasNext} onPage={setPage} label="Pages of devices" />
    </section>
  );
}

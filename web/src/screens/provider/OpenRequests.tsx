// DX2: requests open for bids, filtered by utility, wattage, location and time left; a bid form under each.

import { useId, useState } from "react";
import { SECONDS_PER_DAY } from "../../../../sdk/format.ts";
import { decodeRequestList } from "../../api/decode.ts";
import { useApi } from "../../api/useApi.ts";
import { useChainNow } from "../../chain/chainClock.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { TimeLeft } from "../../components/TimeLeft.tsx";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { checkWholeNumber, maxUint } from "../../forms/validate.ts";
import { BidForm } from "./BidForm.tsx";
import { filterOpenRequests } from "./filterRequests.ts";

function wattage(value: string): { value: bigint | null; error: string | null } {
  if (value.trim() === "") return { value: null, error: null };
  const error = checkWholeNumber(value, { min: 0n, max: maxUint(64), unit: "watts" });
  return { value: error ? null : BigInt(value.trim()), error };
}

function openCountText(shown: number, open: number): string {
  if (open === 0) return "No request is open for bids right now.";
  return `${shown} of ${open} open requests shown.`;
}

export function OpenRequests({ myBidRequestIds }: { myBidRequestIds: Set<string> }) {
  const read = useApi("/api/v1/requests?phase=Bidding&limit=200", decodeRequestList);
  const now = useChainNow();
  const idBase = useId();
  const [kind, setKind] = useState("");
  const [minW, setMinW] = useState("");
  const [maxW, setMaxW] = useState("");
  const [place, setPlace] = useState("");
  const [closing, setClosing] = useState("");
  const min = wattage(minW);
  const max = wattage(maxW);
  const all = read.data ?? [];
  const kinds = [...new Set(all.map((r) => r.utilityKind))].sort();
  const shown = filterOpenRequests(
    all,
    {
      utilityKind: kind,
      minWattageW: min.value,
      maxWattageW: max.value,
      locationContains: place,
      closingWithinSeconds: closing === "" ? null : BigInt(closing) * SECONDS_PER_DAY,
    },
    now,
  );

  return (
    <section aria-labelledby="open-requests-heading" className="panel">
      <h2 id="open-requests-heading">Requests open for bids</h2>
      <fieldset className="filters">
        <legend>Filter</legend>
        <SelectField
          id={`${idBase}-kind`}
          label="Utility"
          value={kind}
          error={null}
          onChange={setKind}
          options={[{ value: "", label: "any" }, ...kinds.map((k) => ({ value: k, label: k }))]}
        />
        <TextField
          id={`${idBase}-min`}
          label="At least (W)"
          value={minW}
          error={min.error}
          onChange={setMinW}
          inputMode="numeric"
        />
        <TextField
          id={`${idBase}-max`}
          label="At most (W)"
          value={maxW}
          error={max.error}
          onChange={setMaxW}
          inputMode="numeric"
        />
        <TextField id={`${idBase}-place`} label="Location contains" value={place} error={null} onChange={setPlace} />
        <SelectField
          id={`${idBase}-closing`}
          label="Bidding closes within"
          value={closing}
          error={null}
          onChange={setClosing}
          options={[
            { value: "", label: "any time" },
            { value: "1", label: "1 day" },
            { value: "3", label: "3 days" },
            { value: "7", label: "7 days" },
          ]}
        />
      </fieldset>
      <LoadState loading={read.loading} error={read.error} what="the open requests" />
      <p aria-live="polite" className="muted">
        {read.data ? openCountText(shown.length, all.filter((r) => r.status === "Bidding").length) : ""}
      </p>
      {shown.map((r) => {
        const id = r.requestId.toString();
        return (
          <article key={id} className="card" aria-labelledby={`open-${id}`} data-testid="open-request">
            <h3 id={`open-${id}`}>
              Request #{id}: {r.location}
            </h3>
            <p>
              {r.wattageW.toString()} W of {r.utilityKind} ({r.unit}) for <AddressText address={r.creator} />
              {r.reason ? ` — ${r.reason}` : ""}
            </p>
            <p>
              Bidding closes: <TimeLeft until={r.biddingEndsAt} />
              {myBidRequestIds.has(id) ? <strong className="badge"> you have bid</strong> : null}
            </p>
            <details>
              <summary>Bid on request #{id}</summary>
              <BidForm requestId={r.requestId} />
            </details>
          </article>
        );
      })}
    </section>
  );
}

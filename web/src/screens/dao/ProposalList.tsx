// MX1, MX4, MX9: the Technical DAO's proposals, newest first, filtered by state, a page at a time.
import { useId, useState } from "react";
import { PROPOSAL_STATES, type ProposalRow } from "../../api/energyTypes.ts";
import type { Address } from "../../api/types.ts";
import type { ApiRead } from "../../api/useApi.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { SelectField } from "../../forms/Field.tsx";
import { ProposalCard } from "./ProposalCard.tsx";

export function ProposalList({ read, members }: { read: ApiRead<ProposalRow[]>; members: Address[] }) {
  const stateId = useId();
  const [state, setState] = useState("");
  const shown = (read.data ?? []).filter((p) => state === "" || p.state === state);
  return (
    <section aria-labelledby="proposals-heading" className="panel">
      <h2 id="proposals-heading">Proposals</h2>
      <SelectField
        id={stateId}
        label="Show proposals that are"
        value={state}
        error={null}
        onChange={setState}
        options={[{ value: "", label: "in any state" }, ...PROPOSAL_STATES.map((s) => ({ value: s, label: s }))]}
      />
      <LoadState loading={read.loading} error={read.error} what="the proposals" />
      {read.data && shown.length === 0 ? (
        <p>{state ? `No proposal is ${state}.` : "No proposal has been made yet."}</p>
      ) : null}
      {shown.map((p) => (
        <ProposalCard key={p.proposalId.toString()} proposal={p} members={members} />
      ))}
    </section>
  );
}

// DS3, DS8: every project, newest first, with its state, cost, share of the pool, bars and the stage's deadline.

import { useState } from "react";
import { decodeProjectList } from "../../api/distributeDecode.ts";
import { PROJECT_STATES } from "../../api/distributeTypes.ts";
import { useApi } from "../../api/useApi.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { SelectField } from "../../forms/Field.tsx";
import { projectHref } from "../../routing/useHashRoute.ts";
import { formatBpsNumber, formatWei, PROJECT_STATE_MEANING } from "./distributeShared.ts";
import { BarProgress, poolShareBps, StageDeadline } from "./ProjectProgress.tsx";

export function ProjectList() {
  const [state, setState] = useState("");
  const read = useApi(`/api/v1/distribute/projects${state ? `?state=${state}` : ""}`, decodeProjectList);
  const projects = read.data ?? [];
  return (
    <section aria-labelledby="projects-heading" className="panel">
      <h2 id="projects-heading">Projects</h2>
      <SelectField
        id="project-state-filter"
        label="State"
        value={state}
        error={null}
        onChange={setState}
        options={[{ value: "", label: "every state" }, ...PROJECT_STATES.map((s) => ({ value: s, label: s }))]}
      />
      <LoadState loading={read.loading} error={read.error} what="the projects" />
      {read.data && projects.length === 0 ? <p>No project {state ? `is ${state}` : "has been proposed yet"}.</p> : null}
      <ul className="plain project-list">
        {projects.map((p) => (
          <li key={p.projectId.toString()} className="card" data-testid="project-row">
            <h3>
              <a href={projectHref(p.projectId)}>Project #{p.projectId.toString()}</a>
            </h3>
            <p data-testid="project-state">
              <strong className={`project-state project-${p.state}`}>{p.state}</strong> —{" "}
              {PROJECT_STATE_MEANING[p.state]}
              {p.due ? " (a transition is due)" : ""}
            </p>
            <p>
              Costs {formatWei(p.costWei)}, {formatBpsNumber(poolShareBps(p))} of the pool at proposal.{" "}
              <StageDeadline project={p} />
            </p>
            <BarProgress project={p} idPrefix="list" />
          </li>
        ))}
      </ul>
    </section>
  );
}

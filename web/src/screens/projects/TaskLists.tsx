// DS4: the task lists put forward for a staked project, with the backing of each (the mean of its token and
// reputation share of all backing); a staker backs one list with all their stake and may move it until the period
// ends. The list with more than half of the backing wins.
import type { ProjectDetail, TaskList } from "../../api/distributeTypes.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { ActionButton } from "../shared/ActionButton.tsx";
import { formatBpsNumber, formatCapital, formatReputation } from "./distributeShared.ts";

function ListCard({
  project,
  list,
  backedListId,
  canBack,
}: {
  project: ProjectDetail;
  list: TaskList;
  backedListId: number | null;
  canBack: boolean;
}) {
  const id = list.listId;
  // Lists are numbered from 1 for people; the contract counts from 0.
  const n = id + 1;
  return (
    <article className="card" aria-labelledby={`list-${n}-heading`} data-testid="task-list">
      <h4 id={`list-${n}-heading`}>
        Task list {n}
        {list.winning ? " (winning)" : ""}
      </h4>
      <p>
        Put forward by <AddressText address={list.submitter} />. Backing:{" "}
        <span data-testid="list-backing">
          {formatBpsNumber(list.backingBps)} ({formatCapital(list.backingTokens)} and{" "}
          {formatReputation(list.backingReputation)})
        </span>
        {backedListId === id ? "; you back this list" : ""}.
      </p>
      <ol>
        {list.tasks.map((t, i) => (
          <li key={i}>
            {t.description ?? `description hash ${t.descriptionHash.slice(0, 10)}…`} — {formatBpsNumber(t.weightingBps)}
            , {(t.durationSeconds / 3600n).toString()} h
          </li>
        ))}
      </ol>
      {canBack && backedListId !== id ? (
        <ActionButton
          steps={() => [
            {
              label: `Back task list ${n} with all your stake`,
              action: "backTaskList",
              fields: { projectId: project.projectId.toString(), listId: id },
            },
          ]}
          doneMessage={`You back task list ${n}.`}
        >
          {`Back task list ${n}`}
        </ActionButton>
      ) : null}
    </article>
  );
}

export function TaskLists({
  project,
  backedListId,
  canBack,
}: {
  project: ProjectDetail;
  backedListId: number | null;
  canBack: boolean;
}) {
  return (
    <>
      {project.taskLists.length === 0 ? <p>No task list has been put forward yet.</p> : null}
      {project.taskLists.map((list) => (
        <ListCard key={list.listId} project={project} list={list} backedListId={backedListId} canBack={canBack} />
      ))}
    </>
  );
}

// DS3–DS8: every event of a project, oldest first.
import { decodeProjectHistory } from "../../api/distributeDecode.ts";
import { useApi } from "../../api/useApi.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { formatTime } from "../energy/energyFormat.ts";

/** "taskListBacked" → "task list backed". */
function words(kind: string): string {
  return kind.replace(/([A-Z])/g, " $1").toLowerCase();
}

export function ProjectHistory({ projectId }: { projectId: bigint }) {
  const read = useApi(`/api/v1/distribute/projects/${projectId}/history?limit=500`, decodeProjectHistory);
  const events = read.data ?? [];
  return (
    <section aria-labelledby="history-heading" className="panel">
      <h2 id="history-heading">History</h2>
      <LoadState loading={read.loading} error={read.error} what="the history" />
      {read.data && events.length === 0 ? <p>No events yet.</p> : null}
      {events.length > 0 ? (
        <ol className="activity" aria-label="Events of the project, oldest first">
          {events.map((e) => (
            <li key={e.id} data-testid="project-event" data-kind={e.kind}>
              <strong>{words(e.kind)}</strong>
              {e.taskIndex !== null ? ` (task ${e.taskIndex + 1})` : ""}
              {e.actor ? (
                <>
                  {" "}
                  by <AddressText address={e.actor} />
                </>
              ) : null}
              <br />
              <span className="activity-when">
                {formatTime(e.timestamp)}, block {e.blockNumber.toString()}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

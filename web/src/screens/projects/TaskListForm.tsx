// DS4: a staker puts forward a task list: rows of a description, a weighting (the tasks' weightings sum to exactly
// 100%) and a time allowance for whoever claims the task. Every row is checked before anything is sent.
import { type FormEvent, useId, useState } from "react";
import { TextField } from "../../forms/Field.tsx";
import { checkText, checkWholeNumber } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { checkPercent, percentToBps } from "../energy/energyChecks.ts";
import { formatBpsNumber } from "./distributeShared.ts";

/** DistributeProjects' most tasks per list. */
export const MAX_TASKS = 32;
const MAX_DESCRIPTION_BYTES = 512;
/** The allowance is a uint32 of seconds. */
const MAX_ALLOWANCE_HOURS = 1_193_046n;

type Row = { description: string; weighting: string; hours: string };
type RowErrors = { description: string | null; weighting: string | null; hours: string | null };

const emptyRow = (): Row => ({ description: "", weighting: "", hours: "24" });

function checkRow(row: Row): RowErrors {
  const weighting = checkPercent(row.weighting, { max: 100, decimals: 2, what: "the weighting" });
  return {
    description: checkText(row.description, {
      what: "what the task is",
      required: true,
      maxBytes: MAX_DESCRIPTION_BYTES,
    }),
    weighting: weighting ?? (percentToBps(row.weighting) === 0n ? "The weighting must be more than 0%." : null),
    hours: checkWholeNumber(row.hours, { min: 1n, max: MAX_ALLOWANCE_HOURS, unit: "hours" }),
  };
}

function totalBps(rows: Row[]): bigint | null {
  let sum = 0n;
  for (const row of rows) {
    if (checkPercent(row.weighting, { max: 100, decimals: 2, what: "" })) return null;
    sum += percentToBps(row.weighting);
  }
  return sum;
}

export function TaskListForm({ projectId }: { projectId: bigint }) {
  const formId = useId();
  const tx = useTransaction();
  const [rows, setRows] = useState<Row[]>([emptyRow(), emptyRow()]);
  const [errors, setErrors] = useState<RowErrors[]>([]);
  const [sumError, setSumError] = useState<string | null>(null);
  const idOf = (i: number, field: keyof Row) => `${formId}-task${i}-${field}`;
  const total = totalBps(rows);

  const update = (i: number, field: keyof Row, value: string) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
    setErrors((es) => es.map((e, j) => (j === i ? { ...e, [field]: null } : e)));
    if (field === "weighting") setSumError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = rows.map(checkRow);
    setErrors(found);
    const sum = totalBps(rows);
    const sumWrong =
      sum !== null && sum !== 10_000n ? `The weightings sum to ${formatBpsNumber(sum)}; they must sum to 100%.` : null;
    setSumError(sumWrong);
    const firstWrong = found.findIndex((e) => e.description || e.weighting || e.hours);
    if (firstWrong >= 0) {
      const e = found[firstWrong] as RowErrors;
      const field: keyof Row = e.description ? "description" : e.weighting ? "weighting" : "hours";
      document.getElementById(idOf(firstWrong, field))?.focus();
      return;
    }
    if (sumWrong) {
      document.getElementById(`${formId}-sum`)?.focus();
      return;
    }
    const tasks = rows.map((r) => ({
      description: r.description.trim(),
      weightingBps: Number(percentToBps(r.weighting)),
      durationSeconds: Number(BigInt(r.hours.trim()) * 3600n),
    }));
    const ok = await tx.run(
      [
        {
          label: `Put forward a list of ${tasks.length} tasks for project #${projectId}`,
          action: "proposeTaskList",
          fields: { projectId: projectId.toString(), tasks },
        },
      ],
      `Task list put forward for project #${projectId}.`,
    );
    if (ok) {
      setRows([emptyRow(), emptyRow()]);
      setErrors([]);
    }
  };

  return (
    <section aria-labelledby="task-list-heading" className="panel">
      <h3 id="task-list-heading">Put forward a task list</h3>
      <form onSubmit={submit} noValidate aria-labelledby="task-list-heading">
        {rows.map((row, i) => (
          <fieldset key={i} className="task-row">
            <legend>Task {i + 1}</legend>
            <TextField
              id={idOf(i, "description")}
              label={`Task ${i + 1} description`}
              value={row.description}
              error={errors[i]?.description ?? null}
              onChange={(v) => update(i, "description", v)}
            />
            <div className="field-row">
              <TextField
                id={idOf(i, "weighting")}
                label={`Task ${i + 1} weighting (%)`}
                inputMode="decimal"
                suffix="%"
                value={row.weighting}
                error={errors[i]?.weighting ?? null}
                onChange={(v) => update(i, "weighting", v)}
              />
              <TextField
                id={idOf(i, "hours")}
                label={`Task ${i + 1} allowance (hours)`}
                inputMode="numeric"
                suffix="h"
                value={row.hours}
                error={errors[i]?.hours ?? null}
                onChange={(v) => update(i, "hours", v)}
              />
            </div>
            {rows.length > 1 ? (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setRows((rs) => rs.filter((_, j) => j !== i));
                  setErrors((es) => es.filter((_, j) => j !== i));
                }}
              >
                Remove task {i + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        <p
          id={`${formId}-sum`}
          tabIndex={-1}
          aria-live="polite"
          className={sumError ? "field-error" : "hint"}
          data-testid="weighting-sum"
        >
          {sumError ??
            (total === null ? "Weightings must sum to 100%." : `Weightings sum to ${formatBpsNumber(total)} of 100%.`)}
        </p>
        <div className="button-row">
          <button
            type="button"
            className="secondary"
            disabled={rows.length >= MAX_TASKS}
            onClick={() => setRows((rs) => [...rs, emptyRow()])}
          >
            Add a task
          </button>
          <button type="submit" disabled={tx.pending}>
            Put forward the task list
          </button>
        </div>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}

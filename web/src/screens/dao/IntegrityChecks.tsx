// MX4: a payment request's integrity checks, claimed against measured. A failed check says so in words and with a
// mark, not by colour alone, and its note says why.
import type { IntegrityCheck, IntegrityCheckName } from "../../api/energyTypes.ts";
import { formatBps, formatWh } from "../energy/energyFormat.ts";

const CHECK_LABELS: Record<IntegrityCheckName, string> = {
  readingCount: "Readings",
  gaps: "Gaps in the readings",
  uptime: "Uptime (continuous operation)",
  loss: "Transmission loss",
  hardwareStatus: "Hardware status",
  deviceActive: "Device active",
  rootsCommitted: "Readings committed on-chain",
  sentWh: "Energy sent",
};

/** A figure in its unit where the check has one (uptime in basis points, energies in Wh); other values as given. */
function figure(name: IntegrityCheckName, value: string | null): string {
  if (value === null) return "—";
  if (!/^[0-9]+$/.test(value)) return value;
  if (name === "uptime") return formatBps(BigInt(value));
  if (name === "loss" || name === "sentWh") return formatWh(BigInt(value));
  return value;
}

export function IntegrityChecks({ checks, caption }: { checks: IntegrityCheck[]; caption: string }) {
  if (checks.length === 0) return <p>The node has no integrity checks for this request.</p>;
  const failed = checks.filter((c) => !c.ok).length;
  return (
    <>
      <p className={failed > 0 ? "checks-summary checks-failed" : "checks-summary checks-passed"}>
        {failed > 0
          ? `✗ ${failed} of ${checks.length} integrity checks flagged — read the notes before voting.`
          : `✓ All ${checks.length} integrity checks passed.`}
      </p>
      <table className="responsive checks">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Claimed</th>
            <th scope="col">Measured</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={c.name} className={c.ok ? "check-ok" : "check-flag"} data-testid="integrity-check">
              <th scope="row" data-label="Check">
                {CHECK_LABELS[c.name]}
              </th>
              <td data-label="Claimed">{figure(c.name, c.claimed)}</td>
              <td data-label="Measured">{figure(c.name, c.measured)}</td>
              <td data-label="Result">
                {c.ok ? (
                  <span className="check-result-ok">✓ OK</span>
                ) : (
                  <strong className="check-result-flag">✗ Flagged</strong>
                )}
                {c.note ? <span className="check-note"> — {c.note}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

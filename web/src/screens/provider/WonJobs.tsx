// DX3, DX7: jobs the provider won — financing, installation, the registry device, and the payout released from escrow
// when the consumer activates the generator.
import { formatSolar } from "../../../../sdk/format.ts";
import { decodeGeneratorDetail, decodeRequestList } from "../../api/decode.ts";
import type { Address, MarketRequest } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { FundingProgress } from "../../components/FundingProgress.tsx";
import { GeneratorDevice } from "../../components/GeneratorDevice.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { StatusText } from "../../components/StatusText.tsx";
import { TimeLeft } from "../../components/TimeLeft.tsx";
import { generatorHref } from "../../routing/useHashRoute.ts";
import { RegisterDeviceForm } from "./RegisterDeviceForm.tsx";

function InstalledDevice({ generator, provider }: { generator: Address; provider: Address }) {
  const read = useApi(`/api/v1/generators/${generator}`, decodeGeneratorDetail);
  if (!read.data) return null;
  if (read.data.deviceKey) {
    return (
      <p data-testid="device-key-state">
        Device registered: <GeneratorDevice deviceId={read.data.deviceId} deviceKey={read.data.deviceKey} />. Waiting
        for the consumer to activate.
      </p>
    );
  }
  return <RegisterDeviceForm generator={generator} provider={provider} />;
}

function payout(job: MarketRequest): string {
  const target = job.targetWei ?? 0n;
  switch (job.status) {
    case "Active":
      return `${formatSolar(target)} paid to you on activation`;
    case "Funded":
      return `${formatSolar(target)} in escrow, paid to you when the consumer activates`;
    case "Financing":
      return `${formatSolar(target)} once financed and activated`;
    default:
      return "no payout: the job did not go ahead";
  }
}

export function WonJobs({ provider }: { provider: Address }) {
  const read = useApi(`/api/v1/requests?provider=${provider}&limit=50`, decodeRequestList);
  const jobs = read.data ?? [];
  const paidWei = jobs.filter((j) => j.status === "Active").reduce((sum, j) => sum + (j.targetWei ?? 0n), 0n);
  return (
    <section aria-labelledby="won-heading" className="panel">
      <h2 id="won-heading">Won jobs and payouts</h2>
      <LoadState loading={read.loading} error={read.error} what="your jobs" />
      {read.data ? <p data-testid="paid-total">Paid to you so far: {formatSolar(paidWei)}</p> : null}
      {read.data && jobs.length === 0 ? <p>No job won yet.</p> : null}
      {jobs.map((job) => {
        const id = job.requestId.toString();
        return (
          <article key={id} className="card" aria-labelledby={`job-${id}`} data-testid="won-job">
            <h3 id={`job-${id}`}>
              Job: request #{id}, {job.location}
            </h3>
            <p>
              Status: <StatusText status={job.status} />
            </p>
            <p data-testid="payout">Payout: {payout(job)}</p>
            {job.status === "Financing" && job.targetWei !== null ? (
              <FundingProgress
                raisedWei={job.raisedWei}
                targetWei={job.targetWei}
                label={`Funding of request #${id}`}
              />
            ) : null}
            {job.generator ? (
              <p>
                Generator:{" "}
                <a href={generatorHref(job.generator)} className="address">
                  {job.generator}
                </a>
              </p>
            ) : null}
            {job.status === "Funded" && job.generator ? (
              <>
                {job.activationDeadline !== null ? (
                  <p>
                    Install and have it activated: <TimeLeft until={job.activationDeadline} />
                  </p>
                ) : null}
                <InstalledDevice generator={job.generator} provider={provider} />
              </>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

// The consumer's own requests, newest first.
import { decodeRequestList } from "../../api/decode.ts";
import type { Address } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { MyRequestCard } from "./MyRequestCard.tsx";

export function MyRequests({ address, balanceWei }: { address: Address; balanceWei: bigint }) {
  const read = useApi(`/api/v1/requests?creator=${address}&limit=20`, decodeRequestList);
  return (
    <section aria-labelledby="my-requests-heading" className="panel">
      <h2 id="my-requests-heading">Your requests</h2>
      <LoadState loading={read.loading} error={read.error} what="your requests" />
      {read.data?.length === 0 ? <p>You have not requested a generator yet.</p> : null}
      {read.data?.map((r) => (
        <MyRequestCard key={r.requestId.toString()} request={r} balanceWei={balanceWei} />
      ))}
    </section>
  );
}

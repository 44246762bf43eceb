// The Technical DAO (#/dao): its members and settings, what awaits its decision (payment requests with their
// integrity checks, devices applied for), and its proposals with the votes (MX1, MX4, MX5, MX9). Members propose
// and vote; anyone executes a passed proposal.
import { decodeDao, decodeProposalList } from "../../api/energyDecode.ts";
import { useApi } from "../../api/useApi.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { DaoSettings } from "./DaoSettings.tsx";
import { isMemberOf } from "./memberGate.ts";
import { ProposalList } from "./ProposalList.tsx";
import { ProposeDeviceForm } from "./ProposeDeviceForm.tsx";
import { ReviewQueue } from "./ReviewQueue.tsx";

/** The latest proposals; older ones are decided and stay on the devices' pages. */
const PROPOSALS_SHOWN = 100;

export default function DaoScreen() {
  useDocumentTitle("Technical DAO");
  const { address, labelOf } = useWallet();
  const dao = useApi("/api/v1/energy/dao", decodeDao);
  const proposals = useApi(`/api/v1/energy/proposals?limit=${PROPOSALS_SHOWN}`, decodeProposalList);
  const members = dao.data?.members;
  const ready = dao.data !== undefined && proposals.data !== undefined;
  const who = address ? (labelOf(address) ?? address) : null;

  return (
    <ScreenMain data-testid="dao-screen" aria-busy={ready || dao.error || proposals.error ? "false" : "true"}>
      <h1>Technical DAO</h1>
      <p className="lede">
        The members verify devices and payment requests, then vote. A passed proposal runs when anyone executes it.
      </p>
      {dao.data ? (
        <p className="notice" data-testid="membership">
          {who === null
            ? "Choose an account at the top of the page; members of the DAO may propose and vote."
            : isMemberOf(members, address)
              ? `You act as ${who}, a member of the Technical DAO: you may propose and vote.`
              : `You act as ${who}, who is not a member of the Technical DAO: you may follow and execute proposals, but not propose or vote.`}
        </p>
      ) : null}
      <LoadState loading={dao.loading} error={dao.error} what="the DAO" />
      {dao.data ? <DaoSettings dao={dao.data} /> : null}
      <ReviewQueue members={members} proposals={proposals.data ?? []} />
      <section aria-labelledby="propose-device-heading" className="panel">
        <h2 id="propose-device-heading">Propose a decision on any device</h2>
        <ProposeDeviceForm
          decisions={["approve", "reject", "suspend", "reinstate", "revoke"]}
          members={members}
          label="Propose a decision on a device"
        />
      </section>
      <ProposalList read={proposals} members={members ?? []} />
    </ScreenMain>
  );
}

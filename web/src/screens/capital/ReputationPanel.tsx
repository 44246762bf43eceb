// DS2: the acting account's reputation, and the registrar's control that gives a person their first reputation
// (free, once per persistent identity). Reputation cannot be transferred; more is earned by validated tasks.
import type { DistributeAccount, DistributeOverview } from "../../api/distributeTypes.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkAddress, checkText } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { formatReputation, sameAddress } from "../projects/distributeShared.ts";

/** Identities are hashed by the node; a bound keeps the request small. */
const MAX_IDENTITY_BYTES = 256;

function RegisterForm({ overview }: { overview: DistributeOverview }) {
  const tx = useTransaction();
  const { address } = useWallet();
  const registrar = overview.registrar;
  const isRegistrar = registrar === null || sameAddress(registrar, address);
  const form = useForm({ account: "", identity: "" }, (v) => ({
    account: checkAddress(v.account),
    identity: checkText(v.identity, {
      what: "the person's identity (an e-mail, a phone number or an ID)",
      required: true,
      maxBytes: MAX_IDENTITY_BYTES,
    }),
  }));
  const submit = form.onSubmit(async (v) => {
    const ok = await tx.run(
      [
        {
          label: `Register ${v.account.trim()} for their first reputation`,
          action: "registerReputation",
          fields: { account: v.account.trim(), identity: v.identity.trim() },
        },
      ],
      `Registered: ${v.account.trim()} has their first ${formatReputation(overview.reputation.initialReputation)}.`,
    );
    if (ok) form.reset();
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="register-heading">
      <h3 id="register-heading">Register a person for their first reputation</h3>
      <p className="hint">
        Each identity registers once and receives {formatReputation(overview.reputation.initialReputation)}. The node
        stores only a hash of the identity.
      </p>
      <div className="field-row">
        <TextField {...form.bind("account")} label="Account to register (address)" placeholder="0x…" />
        <TextField {...form.bind("identity")} label="Persistent identity" />
      </div>
      {registrar === null ? (
        <p className="hint">Only the identity registrar may register people; the contract refuses anyone else.</p>
      ) : null}
      {!isRegistrar && registrar ? (
        <p className="notice" id="register-why" data-testid="register-why">
          Only the identity registrar (<AddressText address={registrar} />) registers reputation; you are not it.
        </p>
      ) : null}
      <button
        type="submit"
        disabled={tx.pending || !isRegistrar}
        aria-describedby={!isRegistrar && registrar ? "register-why" : undefined}
      >
        Register
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

export function ReputationPanel({
  overview,
  account,
}: {
  overview: DistributeOverview;
  account: DistributeAccount | undefined;
}) {
  return (
    <section aria-labelledby="reputation-heading" className="panel">
      <h2 id="reputation-heading">Reputation</h2>
      {account ? (
        <p data-testid="my-reputation">
          {account.registered
            ? `You are registered and hold ${formatReputation(account.reputation)}.`
            : "You are not registered yet: ask the identity registrar for your first reputation."}
        </p>
      ) : null}
      <RegisterForm overview={overview} />
    </section>
  );
}

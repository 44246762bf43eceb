// The consumer's energy credit per generator (bought and not yet delivered), and the purchases and the device's signed
// usage readings that made it.
import { formatMilliUnits, formatSolar } from "../../../../sdk/format.ts";
import { decodeActivityList } from "../../api/decode.ts";
import type { Account, ActivityItem, Address } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { shortAddress } from "../../components/AddressText.tsx";
import { generatorHref } from "../../routing/useHashRoute.ts";
import { describeUsage } from "../dashboard/describeActivity.ts";

function amount(v: unknown): bigint {
  return typeof v === "string" && /^[0-9]+$/.test(v) ? BigInt(v) : 0n;
}

const capitalise = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** A usage line is dated by when the device read it (DX8), a purchase by its block. */
function whenOf(a: ActivityItem): bigint {
  const readAt = a.eventName === "UsageReported" ? amount(a.args.readAt) : 0n;
  return readAt > 0n ? readAt : a.timestamp;
}

export function CreditAndUsage({ account }: { account: Account }) {
  const history = useApi(`/api/v1/activity?address=${account.address}&limit=100`, decodeActivityList);
  const energy = (history.data ?? []).filter(
    (a) =>
      (a.eventName === "EnergyPurchased" && a.args.buyer === account.address) ||
      (a.eventName === "UsageReported" && a.args.consumer === account.address),
  );
  const credits = account.credits.filter((c) => c.creditMilliUnits > 0n);
  return (
    <section aria-labelledby="credit-heading" className="panel">
      <h2 id="credit-heading">Your credit and usage</h2>
      {credits.length === 0 ? (
        <p>No energy credit: buy some above.</p>
      ) : (
        <ul className="plain" data-testid="credits">
          {credits.map((c) => (
            <li key={c.generator}>
              <strong>{formatMilliUnits(c.creditMilliUnits, "kWh")}</strong> of credit on generator{" "}
              <a href={generatorHref(c.generator)}>{shortAddress(c.generator as Address)}</a>
            </li>
          ))}
        </ul>
      )}
      {energy.length > 0 ? (
        <>
          <h3>History</h3>
          <ol className="plain">
            {energy.map((a) => (
              <li key={a.id.toString()}>
                {a.eventName === "EnergyPurchased"
                  ? `Bought ${String(a.args.units)} kWh for ${formatSolar(amount(a.args.costWei))}`
                  : capitalise(describeUsage(a.args, "kWh"))}{" "}
                from generator {shortAddress(a.address)}, {new Date(Number(whenOf(a)) * 1000).toLocaleDateString()}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

// Every generator, a page at a time (newest first): state, funding, price, owners, energy sold, revenue. On a
// narrow screen each row becomes a card (see styles.css).
import { formatSolar } from "../../../../sdk/format.ts";
import type { Generator } from "../../api/types.ts";
import { useChainNow } from "../../chain/chainClock.ts";
import { shortAddress } from "../../components/AddressText.tsx";
import { generatorHref } from "../../routing/useHashRoute.ts";
import { generatorState } from "./generatorState.ts";

export function GeneratorTable({ generators, caption }: { generators: Generator[]; caption: string }) {
  const now = useChainNow();
  return (
    <table className="generators responsive">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Generator</th>
          <th scope="col">State</th>
          <th scope="col">Funding</th>
          <th scope="col">Price per unit</th>
          <th scope="col">Owners</th>
          <th scope="col">Units sold</th>
          <th scope="col">Revenue</th>
        </tr>
      </thead>
      <tbody>
        {generators.map((g) => (
          <tr key={g.address} data-testid="generator-row">
            <th scope="row" data-label="Generator">
              <a href={generatorHref(g.address)}>
                <span className="address">{shortAddress(g.address)}</span>
              </a>{" "}
              <span className="muted">request #{g.requestId.toString()}</span>
            </th>
            <td data-label="State">{generatorState(g, now)}</td>
            <td data-label="Funding">{formatSolar(g.targetWei)} (100% funded)</td>
            <td data-label="Price per unit">
              {g.priceWeiPerUnit === 0n ? "free (no votes)" : formatSolar(g.priceWeiPerUnit)}
            </td>
            <td data-label="Owners">{g.ownerCount.toString()}</td>
            <td data-label="Units sold">{g.unitsSold.toString()}</td>
            <td data-label="Revenue">{formatSolar(g.revenueWei)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

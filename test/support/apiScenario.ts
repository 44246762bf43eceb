// Brings a node (in-process or in its own process) to an active generator through its HTTP API alone, with the
// development accounts: the starting point of the purchase tests and benchmarks.
import type { Address } from "viem";
import { devAccounts } from "../../node/chain/devAccounts.ts";
import { parseSolar } from "../../sdk/format.ts";
import { apiClient } from "./apiClient.ts";

const DAY = 86_400;

export async function activeGeneratorViaApi(apiUrl: string, marketplace: Address): Promise<Address> {
  const api = apiClient(apiUrl);
  const a = (i: number) => devAccounts()[i]?.account.address as Address;
  const must = async (answer: Promise<{ status: number; body: any }>) => {
    const { status, body } = await answer;
    if (status !== 200) throw new Error(`API answered ${status}: ${JSON.stringify(body)}`);
    return body;
  };
  await must(api.devAct(a(1), "createRequest", { location: "Kisumu, Kenya", wattageW: "5000", reason: "clinic" }));
  const { requests } = await must(api.get(`/api/v1/requests?creator=${a(1)}&limit=1`));
  const requestId: string = requests[0].requestId;
  await must(
    api.devAct(a(2), "placeBid", {
      requestId,
      unitType: "5 kW PV",
      installationCostWei: parseSolar("10000").toString(),
      installationSeconds: String(21 * DAY),
      insurance: "2 years",
    }),
  );
  await must(api.post("/api/v1/dev/time", { seconds: String(7 * DAY + 1) }));
  const { bids } = await must(api.get(`/api/v1/requests/${requestId}`));
  await must(api.devAct(a(1), "acceptBid", { requestId, bidId: bids[0].bidId }));
  for (const [i, solar] of [
    [4, "6000"],
    [5, "4000"],
  ] as const) {
    await must(api.devAct(a(i), "approve", { spender: marketplace, amountWei: parseSolar(solar).toString() }));
    await must(api.devAct(a(i), "fund", { requestId, amountWei: parseSolar(solar).toString() }));
  }
  const { generator } = await must(api.get(`/api/v1/requests/${requestId}`));
  await must(api.devAct(a(2), "registerDevice", { generator, deviceKey: a(9) }));
  await must(api.devAct(a(4), "votePrice", { generator, priceWeiPerUnit: parseSolar("0.001").toString() }));
  await must(api.devAct(a(1), "approve", { spender: generator, amountWei: parseSolar("1").toString() }));
  await must(api.devAct(a(1), "activate", { generator, initialTokenWei: parseSolar("1").toString() }));
  return generator as Address;
}

// Brings a node (in-process or in its own process) to an active generator through its HTTP API alone, with the
// development accounts: the starting point of the purchase tests and benchmarks. A generator's device must be a
// generator device its provider operates, approved by the Technical DAO (DX8, MX1), so that comes first.
import type { Address, Hex, LocalAccount } from "viem";
import { devAccounts } from "../../node/chain/devAccounts.ts";
import { parseSolar } from "../../sdk/format.ts";
import { signUsage } from "../../sdk/generator/usage.ts";
import { type ApiAnswer, apiClient } from "./apiClient.ts";

const DAY = 86_400;
const HOUR = 3_600;
/** The embedded node's Technical DAO: development accounts 0, 4 and 5. */
const DAO_MEMBERS = [0, 4, 5];

const devAddress = (i: number) => devAccounts()[i]?.account.address as Address;

async function must(answer: Promise<ApiAnswer>): Promise<any> {
  const { status, body } = await answer;
  if (status !== 200) throw new Error(`API answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** Has a development account send an action; the node answers once the index shows it. */
async function act(api: ReturnType<typeof apiClient>, from: Address, action: string, fields: Record<string, string>) {
  const relayed = await must(api.devAct(from, action, fields));
  if (relayed.status !== "success") throw new Error(`${action} was not mined: ${JSON.stringify(relayed)}`);
  return relayed;
}

export type ApprovedDeviceParameters = {
  /** The provider that applies for the device and operates it. */
  operator: Address;
  /** The device's key, which signs its usage readings. */
  key: Address;
  /** Default 5,000 W. */
  ratedPowerW?: bigint;
  location?: string;
};

/**
 * Has `operator` apply for `key` as a generator device and the development Technical DAO approve it in one
 * proposal (proposed, three votes for, the hour of voting waited out on the dev clock, executed), through the API
 * alone. A device already active is left as it is. Returns its id.
 */
export async function approvedGeneratorDeviceViaApi(apiUrl: string, params: ApprovedDeviceParameters): Promise<bigint> {
  const api = apiClient(apiUrl);
  const find = async () => {
    const { devices } = await must(api.get(`/api/v1/energy/devices?operator=${params.operator}&limit=500`));
    return (devices as { deviceId: string; keys: string[]; status: string }[]).find((d) =>
      d.keys.some((k) => k.toLowerCase() === params.key.toLowerCase()),
    );
  };
  let device = await find();
  if (device === undefined) {
    await act(api, params.operator, "applyDevice", {
      key: params.key,
      kind: "generator",
      ratedPowerW: String(params.ratedPowerW ?? 5_000n),
      maxLossBps: "500",
      location: params.location ?? "Kisumu, Kenya",
    });
    device = await find();
    if (device === undefined) throw new Error(`the index shows no device with the key ${params.key}`);
  }
  if (device.status === "active") return BigInt(device.deviceId);
  if (device.status !== "applied") throw new Error(`device ${device.deviceId} is ${device.status}`);

  const travel = (seconds: number) => must(api.post("/api/v1/dev/time", { seconds: String(seconds) }));
  const [proposer] = DAO_MEMBERS.map(devAddress) as [Address];
  // Votes count from the second before the proposal: a member admitted at deployment needs that second past.
  await travel(1);
  await act(api, proposer, "proposeDeviceDecision", { deviceId: device.deviceId, decision: "approve" });
  const { proposals } = await must(api.get(`/api/v1/energy/devices/${device.deviceId}`));
  const proposal = (proposals as { proposalId: string; state: string }[]).find(
    (p) => p.state === "pending" || p.state === "active",
  );
  if (proposal === undefined) throw new Error(`no open proposal approves device ${device.deviceId}`);
  await travel(1); // voting opens after the snapshot second
  for (const member of DAO_MEMBERS.map(devAddress)) {
    await act(api, member, "castVote", { proposalId: proposal.proposalId, support: "for" });
  }
  await travel(HOUR + 1);
  await act(api, proposer, "executeProposal", { proposalId: proposal.proposalId });
  const approved = await must(api.get(`/api/v1/energy/devices/${device.deviceId}`));
  if (approved.status !== "active") throw new Error(`device ${device.deviceId} is ${approved.status} after the vote`);
  return BigInt(device.deviceId);
}

export type SignedUsageParameters = {
  chainId: number;
  generator: Address;
  consumer: Address;
  /** Cumulative: everything delivered to the consumer since activation, milli-units. */
  deliveredMilliUnits: bigint;
  readAt: bigint;
  /** The key that signs: development account 9 (the device key of these scenarios) by default. */
  signer?: LocalAccount;
};

/** The body of the reportUsage action: a reading signed with a development account's key in the generator's domain. */
export async function signedUsageFields(params: SignedUsageParameters): Promise<Record<string, string>> {
  const signer = params.signer ?? devAccounts()[9]?.account;
  if (!signer) throw new Error("no development account 9");
  const usage = { consumer: params.consumer, deliveredMilliUnits: params.deliveredMilliUnits, readAt: params.readAt };
  const signature: Hex = await signUsage(signer, { chainId: params.chainId, generator: params.generator, usage });
  return {
    generator: params.generator,
    consumer: params.consumer,
    deliveredMilliUnits: params.deliveredMilliUnits.toString(),
    readAt: params.readAt.toString(),
    signature,
  };
}

export async function activeGeneratorViaApi(apiUrl: string, marketplace: Address): Promise<Address> {
  const api = apiClient(apiUrl);
  const a = devAddress;
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
  await approvedGeneratorDeviceViaApi(apiUrl, { operator: a(2), key: a(9) });
  await must(api.devAct(a(2), "registerDevice", { generator, deviceKey: a(9) }));
  await must(api.devAct(a(4), "votePrice", { generator, priceWeiPerUnit: parseSolar("0.001").toString() }));
  await must(api.devAct(a(1), "approve", { spender: generator, amountWei: parseSolar("1").toString() }));
  await must(api.devAct(a(1), "activate", { generator, initialTokenWei: parseSolar("1").toString() }));
  return generator as Address;
}

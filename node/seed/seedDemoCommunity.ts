// `--demo`: a small, believable community on the embedded chain, so every screen has something to show: a clinic's
// generator that is active (its device approved by the Technical DAO, owners have voted, people buy electricity, the
// device has reported a reading, revenue has been claimed), a school's that is funded and waiting for installation, a
// market's that is half-financed, and a water kiosk's request still open for bids; and the measured-energy side
// (seedDemoEnergy.ts). Every step is a real transaction through the SDK, so the index shows the history too.
import type { Address, Chain } from "viem";
import { acceptBid } from "../../sdk/actions/consumer/acceptBid.ts";
import { activate } from "../../sdk/actions/consumer/activate.ts";
import { buyEnergy } from "../../sdk/actions/consumer/buyEnergy.ts";
import { createRequest } from "../../sdk/actions/consumer/createRequest.ts";
import { deliverUsage } from "../../sdk/actions/device/deliverUsage.ts";
import { claimRevenue } from "../../sdk/actions/financier/claimRevenue.ts";
import { fund } from "../../sdk/actions/financier/fund.ts";
import { votePrice } from "../../sdk/actions/financier/votePrice.ts";
import { placeBid } from "../../sdk/actions/provider/placeBid.ts";
import { registerDevice } from "../../sdk/actions/provider/registerDevice.ts";
import { parseSolar } from "../../sdk/format.ts";
import { approveGeneratorDevice } from "../../simulator/register.ts";
import { devAccounts } from "../chain/devAccounts.ts";
import type { Eip1193Provider } from "../chain/eip1193.ts";
import type { Deployment } from "../deployment.ts";
import { devWallet } from "./deployEmbedded.ts";
import { seedDemoEnergy } from "./seedDemoEnergy.ts";

const DAY = 86_400n;

export type SeedDemoCommunityParameters = {
  provider: Eip1193Provider;
  chain: Chain;
  deployment: Deployment;
  /** The node's data folder, where the demonstration's meter readings go. */
  dataDir: string;
  increaseTime(seconds: bigint): Promise<unknown>;
};

export async function seedDemoCommunity(
  params: SeedDemoCommunityParameters,
): Promise<{ activeGenerator: Address; fundedGenerator: Address }> {
  const { provider, chain, deployment } = params;
  const marketplace = deployment.addresses.marketplace;
  const w = (i: number) => devWallet(provider, chain, i);
  const amina = w(1);
  const sunWorks = w(2);
  const kisumuSolar = w(3);
  const [baraka, chidi, dalia] = [w(4), w(5), w(6)];
  const [esther, femi] = [w(7), w(8)];
  // The clinic generator's device key: it only signs usage readings, never sends a transaction.
  const device = devAccounts()[9]?.account;
  if (!device) throw new Error("no development account 9 for the clinic's device key");

  const request = (location: string, wattageW: bigint, reason: string) =>
    createRequest(amina, { marketplace, location, wattageW, reason }).then((r) => r.requestId);
  const bid = (
    client: typeof sunWorks,
    requestId: bigint,
    unitType: string,
    costSolar: string,
    days: bigint,
    insurance: string,
  ) =>
    placeBid(client, {
      marketplace,
      requestId,
      unitType,
      installationCostWei: parseSolar(costSolar),
      installationSeconds: Number(days * DAY),
      insurance,
    }).then((b) => b.bidId);

  const clinic = await request("Nyalenda B, Kisumu", 5_000n, "Clinic vaccine fridge and lights");
  const clinicBid = await bid(
    sunWorks,
    clinic,
    "5 kW PV + 10 kWh LFP battery",
    "12000",
    21n,
    "2 years parts and labour",
  );
  await bid(kisumuSolar, clinic, "6 kW PV + 12 kWh LFP battery", "14500", 30n, "3 years parts");
  const school = await request("Manyatta Primary School, Kisumu", 3_000n, "Classroom lights and a computer lab");
  const schoolBid = await bid(kisumuSolar, school, "3 kW PV + 5 kWh LFP battery", "7000", 14n, "2 years parts");
  const market = await request("Kibuye Market, Kisumu", 8_000n, "Cold storage for fish traders");
  const marketBid = await bid(
    sunWorks,
    market,
    "8 kW PV + 20 kWh LFP battery",
    "20000",
    45n,
    "5 years parts and labour",
  );

  await params.increaseTime(7n * DAY + 60n);
  await acceptBid(amina, { marketplace, requestId: clinic, bidId: clinicBid });
  await acceptBid(amina, { marketplace, requestId: school, bidId: schoolBid });
  await acceptBid(amina, { marketplace, requestId: market, bidId: marketBid });

  await fund(baraka, { marketplace, requestId: clinic, amountWei: parseSolar("6000") });
  await fund(chidi, { marketplace, requestId: clinic, amountWei: parseSolar("4000") });
  const clinicFunded = await fund(dalia, { marketplace, requestId: clinic, amountWei: parseSolar("2000") });
  await fund(chidi, { marketplace, requestId: school, amountWei: parseSolar("3500") });
  const schoolFunded = await fund(dalia, { marketplace, requestId: school, amountWei: parseSolar("3500") });
  await fund(baraka, { marketplace, requestId: market, amountWei: parseSolar("9000") });
  const clinicGenerator = clinicFunded.generator;
  const schoolGenerator = schoolFunded.generator;
  if (!clinicGenerator || !schoolGenerator) throw new Error("the demo's funding did not create both generators");

  // The clinic's meter is a generator device SunWorks operates, approved by the Technical DAO before it is
  // registered with the generator (DX8, MX1).
  const energy = deployment.energy;
  if (energy === null) throw new Error("the demonstration needs the energy modules for the clinic's device");
  await approveGeneratorDevice({
    deviceRegistry: energy.deviceRegistry,
    dao: energy.dao,
    key: device.address,
    location: "Nyalenda B, Kisumu",
    operator: sunWorks,
    members: [w(0), w(4), w(5)],
    increaseTime: params.increaseTime,
  });
  await registerDevice(sunWorks, { generator: clinicGenerator, deviceKey: device.address });
  await votePrice(baraka, { generator: clinicGenerator, priceWeiPerUnit: parseSolar("0.25") });
  await votePrice(chidi, { generator: clinicGenerator, priceWeiPerUnit: parseSolar("0.30") });
  await params.increaseTime(3n * DAY);
  await activate(amina, { generator: clinicGenerator, initialTokenWei: parseSolar("50") });
  for (const [buyer, units] of [
    [esther, 20n],
    [femi, 12n],
    [amina, 30n],
    [esther, 8n],
  ] as const) {
    await buyEnergy(buyer, { generator: clinicGenerator, units });
    await params.increaseTime(DAY / 2n);
  }
  // The device signs its reading; Esther relays it.
  await deliverUsage(esther, {
    generator: clinicGenerator,
    device,
    consumer: esther.account.address,
    milliUnits: 14_500n,
  });
  await claimRevenue(baraka, { generator: clinicGenerator });

  const kiosk = await request("Obunga water kiosk, Kisumu", 1_500n, "Water pump and purifier");
  await bid(sunWorks, kiosk, "1.5 kW PV + pump controller", "3200", 7n, "1 year parts");
  await bid(kisumuSolar, kiosk, "2 kW PV + 2.5 kWh battery", "4100", 10n, "2 years parts");

  await seedDemoEnergy(params);
  return { activeGenerator: clinicGenerator, fundedGenerator: schoolGenerator };
}

// `npm run demo`: the whole D-REX story on an in-process chain, through the SDK, with named people.
//
// Amara in Kisumu asks for a solar generator; three providers bid and one withdraws; a week passes and Amara accepts
// a bid; five financiers fund it (one tries to overfund and is told why not); the generator is created; owners vote
// the price; the Technical DAO approves the provider's device and the provider registers it; Amara activates the
// generator; she and two more buyers buy energy; the device signs what it delivered and the provider relays it; owners
// claim; one financier sells shares; more energy is bought and claimed. Then a ledger of every actor and contract that
// must balance to the last wei. Exits non-zero if any check fails.
//
// Run it with `node scripts/demo.ts` after `npm run build` (`npm run demo` does both). `runDemo` is exported so that
// test/demo.test.ts can run the same story and assert that the ledger balances.
import { network } from "hardhat";
import { type Address, formatEther, getAddress, isAddressEqual, keccak256, parseEther, toHex, zeroAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getBalance, getBlock, getChainId, getContractEvents, readContract, signTypedData } from "viem/actions";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { MarketplaceAbi } from "../sdk/abi/Marketplace.ts";
import { SolarTokenAbi } from "../sdk/abi/SolarToken.ts";
import { acceptBid } from "../sdk/actions/consumer/acceptBid.ts";
import { activate } from "../sdk/actions/consumer/activate.ts";
import { buyEnergy } from "../sdk/actions/consumer/buyEnergy.ts";
import { createRequest } from "../sdk/actions/consumer/createRequest.ts";
import { getCredit } from "../sdk/actions/consumer/getCredit.ts";
import { deliverUsage } from "../sdk/actions/device/deliverUsage.ts";
import { getUsage } from "../sdk/actions/device/getUsage.ts";
import { reportUsage } from "../sdk/actions/device/reportUsage.ts";
import { claimRevenue } from "../sdk/actions/financier/claimRevenue.ts";
import { fund } from "../sdk/actions/financier/fund.ts";
import { getPortfolio } from "../sdk/actions/financier/getPortfolio.ts";
import { transferShares } from "../sdk/actions/financier/transferShares.ts";
import { votePrice } from "../sdk/actions/financier/votePrice.ts";
import { getGenerator } from "../sdk/actions/generator/getGenerator.ts";
import { getOpenRequests } from "../sdk/actions/market/getOpenRequests.ts";
import { getRequest } from "../sdk/actions/market/getRequest.ts";
import { placeBid } from "../sdk/actions/provider/placeBid.ts";
import { registerDevice } from "../sdk/actions/provider/registerDevice.ts";
import { withdrawBid } from "../sdk/actions/provider/withdrawBid.ts";
import { buyFromSale } from "../sdk/actions/token/buyFromSale.ts";
import { mint } from "../sdk/actions/token/mint.ts";
import { transferSolar } from "../sdk/actions/token/transferSolar.ts";
import { deployDrex } from "../sdk/deploy/deployDrex.ts";
import { deployEnergy } from "../sdk/energy/deployEnergy.ts";
import { ContractRevertError, retellRevert } from "../sdk/errors.ts";
import {
  formatDuration,
  formatMilliUnits,
  formatPrice,
  formatSharePercent,
  formatShares,
  formatSolar,
  parseSolar,
} from "../sdk/format.ts";
import { usageTypedData } from "../sdk/generator/usage.ts";
import { describeStatus } from "../sdk/status.ts";
import type { DrexWalletClient } from "../sdk/types.ts";
import { approveGeneratorDevice, soleMemberEnergyParameters } from "../simulator/register.ts";

const DAY = 86_400n;

export type DemoCheck = { name: string; ok: boolean; detail: string };

export type DemoLedgerRow = {
  name: string;
  address: Address;
  kind: "actor" | "contract";
  inWei: bigint;
  outWei: bigint;
  balanceWei: bigint;
};

export type DemoResult = {
  ok: boolean;
  checks: DemoCheck[];
  ledger: DemoLedgerRow[];
  totalSupplyWei: bigint;
  mintedWei: bigint;
  financedWei: bigint;
  providerReceivedWei: bigint;
  paidByBuyersWei: bigint;
  claimedWei: bigint;
  claimableWei: bigint;
  dustWei: bigint;
};

export type RunDemoOptions = {
  /** Where the story is told; console.log by default. Pass () => {} for silence. */
  log?: (line: string) => void;
};

export async function runDemo(options: RunDemoOptions = {}): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const wallets: DrexWalletClient[] = await viem.getWalletClients();
  const wallet = (i: number): DrexWalletClient => {
    const w = wallets[i];
    if (!w) throw new Error(`the demo needs at least ${i + 1} accounts`);
    return w;
  };

  // ------------------------------------------------------------------------------------------------ the people
  const foundation = wallet(0);
  const amara = wallet(1);
  const providers = [wallet(2), wallet(3), wallet(4)] as const;
  const [jua, lakeside, sunbridge] = providers;
  const financiers = [wallet(5), wallet(6), wallet(7), wallet(8), wallet(9)] as const;
  const [sacco, wanjiru, pieter, impactFund, chen] = financiers;
  const barber = wallet(10);
  const clinic = wallet(11);
  const baraka = wallet(12);
  // The device key lives in the installed generator, not in the node: a local key that only signs its readings,
  // which anyone relays, so it needs no ether.
  const deviceAccount = privateKeyToAccount(keccak256(toHex("D-REX demo: Nyalenda B generator device key")));

  const names = new Map<string, string>();
  const name = (address: Address): string => names.get(address.toLowerCase()) ?? `${address.slice(0, 8)}…`;
  const actors: { name: string; client: DrexWalletClient }[] = [
    { name: "D-REX Foundation", client: foundation },
    { name: "Amara (Kisumu)", client: amara },
    { name: "Jua Solar Ltd", client: jua },
    { name: "Lakeside Power", client: lakeside },
    { name: "SunBridge Installers", client: sunbridge },
    { name: "Lake Region SACCO", client: sacco },
    { name: "Wanjiru Otieno", client: wanjiru },
    { name: "Pieter de Vries", client: pieter },
    { name: "Nairobi Impact Fund", client: impactFund },
    { name: "Chen Li", client: chen },
    { name: "Otieno's Barber Shop", client: barber },
    { name: "St. Mary's Clinic", client: clinic },
    { name: "Baraka Mwangi", client: baraka },
  ];
  for (const actor of actors) names.set(actor.client.account.address.toLowerCase(), actor.name);
  names.set(deviceAccount.address.toLowerCase(), "Generator device key");
  const nameMap = {
    ...Object.fromEntries(actors.map((a) => [a.client.account.address, a.name])),
    [deviceAccount.address]: "Generator device key",
  };

  const startTime = (await getBlock(publicClient)).timestamp;
  const when = async (): Promise<string> => {
    const now = (await getBlock(publicClient)).timestamp;
    return `day ${(now - startTime) / DAY}`;
  };
  const step = async (title: string) => log(`\n── ${await when()} · ${title}`);
  const say = (line: string) => log(`   ${line}`);
  const refused = async (what: string, attempt: () => Promise<unknown>, expectedErrorName: string) => {
    try {
      await attempt();
    } catch (error) {
      if (error instanceof ContractRevertError && error.errorName === expectedErrorName) {
        say(`✗ ${what}: refused — ${retellRevert(error, { names: nameMap })}`);
        return;
      }
      throw error;
    }
    throw new Error(`${what} should have been refused with ${expectedErrorName}`);
  };

  log("D-REX demo: a solar generator for Nyalenda B, Kisumu — requested, bid on, financed, owned, run and paid for.");

  // -------------------------------------------------------------------------------------------- deployment
  await step("The D-REX Foundation deploys the measured-energy modules with a one-member Technical DAO (MX1)");
  const energy = await deployEnergy(foundation, {
    ...soleMemberEnergyParameters(foundation.account.address),
    votingPeriodSeconds: 3_600,
  });
  names.set(energy.dao.toLowerCase(), "Technical DAO");
  names.set(energy.deviceRegistry.toLowerCase(), "Device registry");
  say(`Technical DAO ${energy.dao}, device registry ${energy.deviceRegistry}; votes last 1 hour`);

  await step(
    "The Foundation deploys Solar Token (cap 100,000,000 SOLAR), its sale and the marketplace, linked to those modules",
  );
  const salePriceWeiPerToken = parseEther("0.0004"); // 0.0004 ETH per SOLAR
  const drex = await deployDrex(foundation, {
    sale: { priceWeiPerToken: salePriceWeiPerToken, trancheTokenWei: parseSolar("1000000") },
    deviceModules: energy.moduleRegistry,
  });
  const { token, marketplace } = drex;
  const sale = drex.sale;
  if (sale === null) throw new Error("the demo deploys a sale");
  names.set(token.toLowerCase(), "Solar Token");
  names.set(sale.toLowerCase(), "Token sale");
  names.set(marketplace.toLowerCase(), "Marketplace");
  say(`Solar Token ${token}, sale ${sale}, marketplace ${marketplace}`);
  say(
    `sale: 1,000,000 SOLAR at ${formatEther(salePriceWeiPerToken)} ETH each; bidding 7 days, acceptance 7 days, financing 30 days, activation grace 14 days`,
  );

  await step("People buy Solar Tokens from the sale; the Foundation mints a community grant for Amara");
  const purchases: [DrexWalletClient, string][] = [
    [sacco, "4100"],
    [wanjiru, "3333.333333333333333333"],
    [pieter, "2500"],
    [impactFund, "1566.666666666666666667"],
    [chen, "1000"],
    [barber, "30"],
    [clinic, "40"],
    [baraka, "500"],
  ];
  for (const [client, amount] of purchases) {
    const bought = await buyFromSale(client, { sale, tokenWei: parseSolar(amount) });
    say(`${name(client.account.address)} pays ${formatEther(bought.paidWei)} ETH for ${formatSolar(bought.tokenWei)}`);
  }
  const grant = await mint(foundation, { token, to: amara.account.address, amountWei: parseSolar("25") });
  say(`Foundation mints ${formatSolar(grant.amountWei)} to Amara (community grant)`);

  // ----------------------------------------------------------------------------------------- DX1 request
  await step("Amara requests a generator (DX1)");
  const request = await createRequest(amara, {
    marketplace,
    location: "Nyalenda B, Kisumu, Kenya",
    wattageW: 5_000n,
    reason: "Light and power for 40 homes, the clinic's vaccine fridge and phone charging",
  });
  const requestId = request.requestId;
  say(
    `request #${requestId}: 5,000 W of ${request.utilityKind} sold in ${request.unit}; bidding open for ${formatDuration(request.biddingEndsAt - startTime)}`,
  );

  // ------------------------------------------------------------------------------------------- DX2 bids
  await step("Three providers bid (DX2)");
  const bids = [
    await placeBid(jua, {
      marketplace,
      requestId,
      unitType: "5 kW monocrystalline array + 10 kWh LFP battery",
      installationCostWei: parseSolar("12500"),
      installationSeconds: Number(21n * DAY),
      insurance: "Jubilee Insurance, equipment and public liability, 2 years",
    }),
    await placeBid(lakeside, {
      marketplace,
      requestId,
      unitType: "5 kW polycrystalline array + 8 kWh lead-acid",
      installationCostWei: parseSolar("11800"),
      installationSeconds: Number(30n * DAY),
      insurance: "none",
    }),
    await placeBid(sunbridge, {
      marketplace,
      requestId,
      unitType: "6 kW bifacial array + 12 kWh LFP battery",
      installationCostWei: parseSolar("13900"),
      installationSeconds: Number(14n * DAY),
      insurance: "APA Insurance, 3 years",
    }),
  ];
  const [juaBid, lakesideBid] = bids;
  if (!juaBid || !lakesideBid) throw new Error("bids missing");
  for (const bid of (await getRequest(publicClient, { marketplace, requestId })).bids) {
    say(
      `bid #${bid.bidId} by ${name(bid.provider)}: ${bid.unitType}, ${formatSolar(bid.installationCostWei)}, ${formatDuration(BigInt(bid.installationSeconds))} to install`,
    );
  }
  await networkHelpers.time.increase(2n * DAY);
  await step("Lakeside Power withdraws its bid (DX2)");
  await withdrawBid(lakeside, { marketplace, bidId: lakesideBid.bidId });
  const open = await getOpenRequests(publicClient, { marketplace });
  say(
    `open requests: ${open.map((r) => `#${r.requestId} (${describeStatus(r.status)}, ${r.activeBids.length} standing bids)`).join(", ")}`,
  );

  // ------------------------------------------------------------------------------------- DX3 acceptance
  await networkHelpers.time.increase(5n * DAY + 1n);
  await step("The bidding week is over; Amara accepts Jua Solar's bid (DX3)");
  const accepted = await acceptBid(amara, { marketplace, requestId, bidId: juaBid.bidId });
  say(
    `financing target ${formatSolar(accepted.targetWei)}, open for ${formatDuration(accepted.financingDeadline - (await getBlock(publicClient)).timestamp)}`,
  );

  // -------------------------------------------------------------------------------------- DX4 financing
  await step("Five financiers fund the installation (DX4)");
  const contributions: [DrexWalletClient, string][] = [
    [sacco, "4100"],
    [wanjiru, "3333.333333333333333333"],
    [pieter, "2500"],
    [impactFund, "1566.666666666666666667"],
  ];
  for (const [client, amount] of contributions) {
    await networkHelpers.time.increase(DAY);
    const funded = await fund(client, { marketplace, requestId, amountWei: parseSolar(amount), token });
    say(
      `${name(client.account.address)} puts in ${formatSolar(parseSolar(amount))} → ${formatSolar(funded.raisedWei)} of ${formatSolar(funded.targetWei)}`,
    );
  }
  await refused(
    "Chen Li tries to put in 1,500 SOLAR",
    () => fund(chen, { marketplace, requestId, amountWei: parseSolar("1500"), token }),
    "ExceedsFundingTarget",
  );
  const lastContribution = await fund(chen, { marketplace, requestId, amountWei: parseSolar("1000"), token });
  say(`Chen Li puts in ${formatSolar(parseSolar("1000"))} → target reached`);
  const generator = lastContribution.generator;
  if (generator === null) throw new Error("the last contribution should have created the generator");
  names.set(generator.toLowerCase(), "Generator #1");

  // -------------------------------------------------------------------------------------- DX5 shares
  await step("The generator is created with 10,000 ownership shares (DX5)");
  let state = await getGenerator(publicClient, { generator, fromBlock: drex.fromBlock });
  say(
    `${state.name} (${state.symbol}) at ${generator}, ${describeStatus(state.phase)}; activation due within ${formatDuration(state.activationDeadline - (await getBlock(publicClient)).timestamp)}`,
  );
  for (const owner of state.owners) say(`${name(owner.address).padEnd(22)} ${formatShares(owner.shares)}`);

  // -------------------------------------------------------------------------------------- DX6 price vote
  await step("Owners vote the price per kWh (DX6)");
  for (const [client, price] of [
    [sacco, "0.20"],
    [wanjiru, "0.25"],
    [impactFund, "0.18"],
  ] as const) {
    const vote = await votePrice(client, { generator, priceWeiPerUnit: parseSolar(price) });
    say(
      `${name(client.account.address)} votes ${formatPrice(parseSolar(price), "kWh")} → average ${formatPrice(vote.averagePriceWeiPerUnit, "kWh")}`,
    );
  }
  say("Pieter de Vries and Chen Li do not vote: they accept their co-owners' price");

  // --------------------------------------------------------------------------------- DX7 installation
  await networkHelpers.time.increase(18n * DAY);
  await step("Jua Solar installs the generator; the Technical DAO approves its device (MX1)");
  const deviceId = await approveGeneratorDevice({
    deviceRegistry: energy.deviceRegistry,
    dao: energy.dao,
    key: deviceAccount.address,
    location: "Nyalenda B, Kisumu, Kenya",
    operator: jua,
    members: [foundation],
    increaseTime: (seconds) => networkHelpers.time.increase(seconds),
  });
  say(`Jua Solar applies for device #${deviceId}: a 5,000 W generator whose key is ${deviceAccount.address}`);
  say(
    "the Foundation, the DAO's only member, proposes its approval and votes for; an hour later the proposal is executed",
  );
  say(`device #${deviceId} is active, operated by Jua Solar`);

  await step("Jua Solar registers the approved device on the generator (DX7)");
  await registerDevice(jua, { generator, deviceKey: deviceAccount.address });
  say(`generator #1's device: #${deviceId}, key ${deviceAccount.address}`);
  await refused(
    "Otieno's Barber Shop tries to be first to pay the generator",
    () => activate(barber, { generator, initialTokenWei: parseSolar("1"), token }),
    "NotRequester",
  );

  await step("Amara activates the generator with an initial token; the escrow goes to Jua Solar (DX7)");
  const juaBefore = await readContract(publicClient, {
    address: token,
    abi: SolarTokenAbi,
    functionName: "balanceOf",
    args: [jua.account.address],
  });
  const activation = await activate(amara, { generator, initialTokenWei: parseSolar("1"), token });
  say(
    `Amara pays ${formatSolar(parseSolar("1"))}; ${name(activation.provider)} receives ${formatSolar(activation.escrowReleasedWei)}`,
  );

  // ------------------------------------------------------------------------------------ DX8 energy
  await step("Energy is bought at the voted price (DX8)");
  const buy = async (client: DrexWalletClient, units: bigint) => {
    const bought = await buyEnergy(client, { generator, units, token });
    say(
      `${name(client.account.address)} buys ${units} kWh at ${formatPrice(bought.priceWeiPerUnit, "kWh")} for ${formatSolar(bought.costWei)} → credit ${formatMilliUnits(bought.creditMilliUnits, "kWh")}`,
    );
  };
  await buy(amara, 20n);
  await buy(barber, 35n);
  await buy(clinic, 60n);

  await networkHelpers.time.increase(3n * DAY);
  await step("The device signs what it delivered and Jua Solar relays it; nobody else's reading counts (DX8)");
  for (const [consumer, milliUnits] of [
    [amara, 12_500n],
    [clinic, 40_000n],
    [barber, 35_000n],
  ] as const) {
    const usage = await deliverUsage(jua, {
      generator,
      device: deviceAccount,
      consumer: consumer.account.address,
      milliUnits,
    });
    say(
      `${formatMilliUnits(milliUnits, "kWh")} delivered to ${name(consumer.account.address)} → ${formatMilliUnits(usage.creditMilliUnits, "kWh")} left`,
    );
  }
  await refused(
    "Amara signs a reading of her own usage and relays it",
    async () => {
      const last = await getUsage(publicClient, { generator, consumer: amara.account.address });
      const usage = {
        consumer: amara.account.address,
        deliveredMilliUnits: last.deliveredMilliUnits + 1_000n,
        readAt: (await getBlock(publicClient)).timestamp,
      };
      const signature = await signTypedData(amara, usageTypedData(await getChainId(publicClient), generator, usage));
      return reportUsage(amara, { generator, usage, signature });
    },
    "NotSignedByDevice",
  );

  // ------------------------------------------------------------------------------------ DX9 revenue
  await step("Owners claim their revenue (DX9)");
  const claim = async (client: DrexWalletClient) => {
    const claimed = await claimRevenue(client, { generator });
    say(`${name(client.account.address)} claims ${formatSolar(claimed.amountWei)}`);
  };
  await claim(sacco);
  await claim(wanjiru);
  await claim(pieter);

  await step("Chen Li sells half of his shares to Baraka Mwangi (DX11)");
  const chenShares = await readContract(publicClient, {
    address: generator,
    abi: GeneratorAbi,
    functionName: "balanceOf",
    args: [chen.account.address],
  });
  const soldShares = chenShares / 2n;
  const sharePriceWei = parseSolar("450");
  await transferSolar(baraka, { token, to: chen.account.address, amountWei: sharePriceWei });
  const moved = await transferShares(chen, { generator, to: baraka.account.address, shares: soldShares });
  say(
    `Baraka pays ${formatSolar(sharePriceWei)}; Chen transfers ${formatShares(moved.shares)}; revenue earned before the sale stays Chen's`,
  );

  await networkHelpers.time.increase(7n * DAY);
  await step("A week later: more energy bought, more claims");
  await buy(barber, 25n);
  await buy(amara, 10n);
  await buy(clinic, 15n);
  await claim(chen);
  await claim(baraka);
  await claim(impactFund);
  await claim(sacco);

  // -------------------------------------------------------------------------------------- the screens
  await step("What the screens show");
  state = await getGenerator(publicClient, { generator, fromBlock: drex.fromBlock });
  say(
    `generator: ${describeStatus(state.phase)}, price ${formatPrice(state.priceWeiPerUnit, state.unit)}, ${state.unitsSold} ${state.unit} sold, ${formatMilliUnits(state.deliveredMilliUnits, state.unit)} delivered, lifetime revenue ${formatSolar(state.cumulativeRevenueWei)}`,
  );
  for (const owner of state.owners) {
    say(
      `  ${name(owner.address).padEnd(22)} ${formatSharePercent(owner.shares).padStart(7)}  claimable ${formatSolar(owner.claimableWei)}${owner.votePriceWeiPerUnit === null ? "" : `  votes ${formatPrice(owner.votePriceWeiPerUnit, state.unit)}`}`,
    );
  }
  const portfolio = await getPortfolio(publicClient, {
    marketplace,
    account: wanjiru.account.address,
    fromBlock: drex.fromBlock,
  });
  say(
    `Wanjiru's portfolio: ${portfolio.holdings.map((h) => `${h.location}: ${formatSharePercent(h.shares)}, claimable ${formatSolar(h.claimableWei)}`).join("; ")}`,
  );
  for (const consumer of [amara, barber, clinic]) {
    const credit = await getCredit(publicClient, { generator, account: consumer.account.address });
    say(`${name(consumer.account.address)} has ${formatMilliUnits(credit, "kWh")} of credit left`);
  }
  const finalRequest = await getRequest(publicClient, { marketplace, requestId });
  say(`request #${requestId} is ${describeStatus(finalRequest.status)}`);

  // ------------------------------------------------------------------------------------------ the ledger
  const checks: DemoCheck[] = [];
  const check = (checkName: string, ok: boolean, detail: string) => checks.push({ name: checkName, ok, detail });

  const transfers = await getContractEvents(publicClient, {
    address: token,
    abi: SolarTokenAbi,
    eventName: "Transfer",
    fromBlock: drex.fromBlock,
    strict: true,
  });
  const totalSupplyWei = await readContract(publicClient, {
    address: token,
    abi: SolarTokenAbi,
    functionName: "totalSupply",
  });
  const mintedWei = transfers.filter((t) => t.args.from === zeroAddress).reduce((sum, t) => sum + t.args.value, 0n);
  const burnedWei = transfers.filter((t) => t.args.to === zeroAddress).reduce((sum, t) => sum + t.args.value, 0n);

  const accounts: { name: string; address: Address; kind: "actor" | "contract" }[] = [
    ...actors.map((a) => ({ name: a.name, address: a.client.account.address, kind: "actor" as const })),
    { name: "Token sale", address: sale, kind: "contract" },
    { name: "Marketplace", address: marketplace, kind: "contract" },
    { name: "Generator #1", address: generator, kind: "contract" },
    { name: "Solar Token", address: token, kind: "contract" },
  ];
  const ledger: DemoLedgerRow[] = [];
  for (const account of accounts) {
    const inWei = transfers
      .filter((t) => isAddressEqual(t.args.to, account.address))
      .reduce((s, t) => s + t.args.value, 0n);
    const outWei = transfers
      .filter((t) => isAddressEqual(t.args.from, account.address))
      .reduce((s, t) => s + t.args.value, 0n);
    const balanceWei = await readContract(publicClient, {
      address: token,
      abi: SolarTokenAbi,
      functionName: "balanceOf",
      args: [account.address],
    });
    ledger.push({ ...account, inWei, outWei, balanceWei });
    check(
      `${account.name}: received − sent == balance`,
      inWei - outWei === balanceWei,
      `${formatSolar(inWei - outWei)} vs ${formatSolar(balanceWei)}`,
    );
  }
  const listedSumWei = ledger.reduce((sum, row) => sum + row.balanceWei, 0n);
  const holders = new Set(transfers.map((t) => getAddress(t.args.to)).filter((a) => a !== zeroAddress));
  const unlisted = [...holders].filter((a) => !accounts.some((acc) => isAddressEqual(acc.address, a)));
  check(
    "every Solar Token holder is in the ledger",
    unlisted.length === 0,
    unlisted.length === 0 ? "none missing" : unlisted.join(", "),
  );
  check(
    "total Solar Tokens minted == total supply",
    mintedWei - burnedWei === totalSupplyWei,
    `${formatSolar(mintedWei)} minted, ${formatSolar(totalSupplyWei)} supply`,
  );
  check(
    "sum of every balance == total supply",
    listedSumWei === totalSupplyWei,
    `${formatSolar(listedSumWei)} vs ${formatSolar(totalSupplyWei)}`,
  );

  // Financing: what the financiers put in is what the provider received.
  const contributedEvents = await getContractEvents(publicClient, {
    address: marketplace,
    abi: MarketplaceAbi,
    eventName: "Contributed",
    fromBlock: drex.fromBlock,
    strict: true,
  });
  const releasedEvents = await getContractEvents(publicClient, {
    address: marketplace,
    abi: MarketplaceAbi,
    eventName: "EscrowReleased",
    fromBlock: drex.fromBlock,
    strict: true,
  });
  const financedWei = contributedEvents.reduce((s, e) => s + e.args.amountWei, 0n);
  const providerReceivedWei = releasedEvents
    .filter((e) => isAddressEqual(e.args.provider, jua.account.address))
    .reduce((s, e) => s + e.args.amountWei, 0n);
  const juaAfter = ledger.find((row) => isAddressEqual(row.address, jua.account.address))?.balanceWei ?? 0n;
  check(
    "financiers put in == provider received",
    financedWei === providerReceivedWei,
    `${formatSolar(financedWei)} vs ${formatSolar(providerReceivedWei)}`,
  );
  check(
    "provider's balance rose by exactly the escrow",
    juaAfter - juaBefore === providerReceivedWei,
    formatSolar(juaAfter - juaBefore),
  );
  const marketplaceRow = ledger.find((row) => row.name === "Marketplace");
  check(
    "marketplace holds nothing after activation",
    marketplaceRow?.balanceWei === 0n,
    formatSolar(marketplaceRow?.balanceWei ?? -1n),
  );

  // Revenue: what buyers paid is claimed, still claimable, or rounding dust in the generator.
  const revenueEvents = await getContractEvents(publicClient, {
    address: generator,
    abi: GeneratorAbi,
    eventName: "RevenueReceived",
    fromBlock: drex.fromBlock,
    strict: true,
  });
  const claimEvents = await getContractEvents(publicClient, {
    address: generator,
    abi: GeneratorAbi,
    eventName: "RevenueClaimed",
    fromBlock: drex.fromBlock,
    strict: true,
  });
  const paidByBuyersWei = revenueEvents.reduce((s, e) => s + e.args.amountWei, 0n);
  const claimedWei = claimEvents.reduce((s, e) => s + e.args.amountWei, 0n);
  const everHeldShares = new Set<string>();
  const shareTransfers = await getContractEvents(publicClient, {
    address: generator,
    abi: GeneratorAbi,
    eventName: "Transfer",
    fromBlock: drex.fromBlock,
    strict: true,
  });
  for (const e of contributedEvents) everHeldShares.add(e.args.financier.toLowerCase());
  for (const e of shareTransfers) everHeldShares.add(e.args.to.toLowerCase());
  let claimableWei = 0n;
  for (const account of everHeldShares) {
    claimableWei += await readContract(publicClient, {
      address: generator,
      abi: GeneratorAbi,
      functionName: "claimableRevenue",
      args: [account as Address],
    });
  }
  const generatorBalanceWei = ledger.find((row) => row.name === "Generator #1")?.balanceWei ?? 0n;
  const dustWei = generatorBalanceWei - claimableWei;
  check(
    "buyers paid == lifetime revenue",
    paidByBuyersWei === state.cumulativeRevenueWei,
    formatSolar(paidByBuyersWei),
  );
  check(
    "buyers paid == claimed + still claimable + dust",
    paidByBuyersWei === claimedWei + claimableWei + dustWei && generatorBalanceWei === paidByBuyersWei - claimedWei,
    `${formatSolar(paidByBuyersWei)} = ${formatSolar(claimedWei)} + ${formatSolar(claimableWei)} + ${dustWei} wei`,
  );
  check(
    "dust is below one wei per account that ever held shares",
    dustWei >= 0n && dustWei < BigInt(everHeldShares.size),
    `${dustWei} wei, ${everHeldShares.size} accounts`,
  );
  const shareSum = state.owners.reduce((s, o) => s + o.shares, 0n);
  check("ownership shares sum to exactly 10,000", shareSum === 10_000n, `${shareSum}`);
  const credits = await Promise.all(
    [amara, barber, clinic].map((c) => getCredit(publicClient, { generator, account: c.account.address })),
  );
  const creditSum = credits.reduce((s, c) => s + c, 0n);
  check(
    "energy sold == delivered + credit left",
    state.unitsSold * 1000n === state.deliveredMilliUnits + creditSum,
    `${state.unitsSold} kWh = ${formatMilliUnits(state.deliveredMilliUnits, "kWh")} + ${formatMilliUnits(creditSum, "kWh")}`,
  );
  const saleEth = await getBalance(publicClient, { address: sale });
  const saleTokensSold = ledger.find((row) => row.name === "Token sale")?.outWei ?? 0n;
  check(
    "sale: ether collected == tokens sold × price (rounded in the treasury's favour)",
    saleEth * 10n ** 18n >= saleTokensSold * salePriceWeiPerToken,
    `${formatEther(saleEth)} ETH for ${formatSolar(saleTokensSold)}`,
  );

  // ------------------------------------------------------------------------------------------ printing
  log("\n══ Ledger of Solar Tokens, per actor and per contract (exact to the wei)");
  log(`   ${"".padEnd(24)}${"received".padStart(34)}${"sent".padStart(34)}${"balance".padStart(34)}`);
  for (const row of ledger) {
    log(
      `   ${row.name.padEnd(24)}${formatSolar(row.inWei).padStart(34)}${formatSolar(row.outWei).padStart(34)}${formatSolar(row.balanceWei).padStart(34)}`,
    );
  }
  log(`   ${"sum of balances".padEnd(24)}${"".padStart(68)}${formatSolar(listedSumWei).padStart(34)}`);
  log(`   ${"total supply".padEnd(24)}${"".padStart(68)}${formatSolar(totalSupplyWei).padStart(34)}`);
  log("\n══ Flows");
  log(`   financiers put in      ${formatSolar(financedWei)}`);
  log(`   provider received      ${formatSolar(providerReceivedWei)}`);
  log(`   buyers paid            ${formatSolar(paidByBuyersWei)} (activation token and energy)`);
  log(`   owners claimed         ${formatSolar(claimedWei)}`);
  log(`   still claimable        ${formatSolar(claimableWei)}`);
  log(`   rounding dust          ${dustWei} wei`);
  log("\n══ Checks");
  for (const c of checks) log(`   ${c.ok ? "✓" : "✗"} ${c.name} (${c.detail})`);
  const ok = checks.every((c) => c.ok);
  log(ok ? "\nEverything balances." : `\n${checks.filter((c) => !c.ok).length} check(s) FAILED.`);

  return {
    ok,
    checks,
    ledger,
    totalSupplyWei,
    mintedWei,
    financedWei,
    providerReceivedWei,
    paidByBuyersWei,
    claimedWei,
    claimableWei,
    dustWei,
  };
}

if (import.meta.main) {
  const result = await runDemo();
  process.exitCode = result.ok ? 0 : 1;
}

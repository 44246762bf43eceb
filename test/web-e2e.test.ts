// The web app end to end: a node in this process, the built app in headless Chromium, and the whole lifecycle
// driven through the screens only — each person picked in the development-account switcher, every write made by
// filling a form or pressing a button, every check made on what the screens show.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { type Address, createPublicClient, http } from "viem";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { ensureWebBuilt } from "../scripts/webBuild.ts";
import { signUsage } from "../sdk/generator/usage.ts";
import { apiClient } from "./support/apiClient.ts";
import {
  actAs,
  type Browser,
  clickAndWait,
  describeViolations,
  eventually,
  launchBrowser,
  openPage,
  openScreen,
  PHONE,
  screenshotBothWidths,
  seriousAccessibilityViolations,
  settle,
  waitForText,
} from "./support/browser.ts";

const LOCATION = "Ober Kamoth clinic, Kisumu";
const OPERATOR = "operator (deploys, owns the Solar Token)";
const DEVICE_LOCATION = "Ober Kamoth clinic roof";

describe("web app: the whole lifecycle through the screens", () => {
  let node: RunningNode;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  before(async () => {
    await ensureWebBuilt();
    dataDir = mkdtempSync(join(tmpdir(), "drex-web-e2e-"));
    node = await startNode(resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent" }, {}));
    browser = await launchBrowser();
    ({ page, errors: pageErrors } = await openPage(browser));
    await page.goto(`${node.apiUrl}/#/`);
    await page.locator('main[data-testid="dashboard"][aria-busy="false"]').waitFor();
  });

  after(async () => {
    await browser?.close();
    await node?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const myRequest = () => page.getByRole("article", { name: `Request #1: ${LOCATION}` });
  const holding = () => page.getByTestId("holding").first();

  /** The address of a development account, as the account switcher shows it. */
  async function addressOf(label: string): Promise<string> {
    await actAs(page, label);
    return waitForText(page.getByTestId("acting-address"), /^0x[0-9a-fA-F]{40}$/);
  }

  async function fillAll(scope: Locator | Page, fields: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(fields)) await scope.getByLabel(label, { exact: true }).fill(value);
  }

  it("DX1, DX13: a consumer requests a generator on the consumer screen", async () => {
    await actAs(page, "consumer Amina");
    await openScreen(page, "Consumer");
    const form = page.getByRole("region", { name: "Request a generator" });
    await fillAll(form, {
      Location: LOCATION,
      "Power needed (watts)": "4000",
      "Reason (optional)": "Maternity ward lights and a vaccine fridge",
    });
    await clickAndWait(form, "Send request", async () => (await myRequest().count()) === 1);
    await waitForText(form.getByRole("status"), "Your request is open for bids for one week.");
    await waitForText(myRequest(), "Status: bidding");
    await waitForText(myRequest(), "4000 W of electricity sold in kWh");
    await waitForText(myRequest(), "No bids yet.");
  });

  it("DX2: two providers bid, one withdraws a bid and bids again; filters find the request", async () => {
    const bidOn = async (cost: string, days: string, unit: string, insurance: string) => {
      const request = page.getByRole("article", { name: `Request #1: ${LOCATION}` });
      if ((await request.locator("details").getAttribute("open")) === null) {
        await request.getByText("Bid on request #1").click();
      }
      const form = request.getByRole("form", { name: "Bid on request #1" });
      await fillAll(form, {
        "Unit to install": unit,
        "Installation cost (SOLAR)": cost,
        "Installation time (days)": days,
        "Insurance (optional)": insurance,
      });
      await form.getByRole("button", { name: "Place bid" }).click();
      await waitForText(form.getByRole("status"), "Your bid on request #1 is in.");
    };

    await actAs(page, "provider SunWorks");
    await openScreen(page, "Provider");
    const filters = page.getByRole("group", { name: "Filter" });
    await filters.getByLabel("At least (W)").fill("5000");
    await waitForText(page.getByRole("region", { name: "Requests open for bids" }), "0 of 1 open requests shown.");
    await filters.getByLabel("At least (W)").fill("");
    await filters.getByLabel("Location contains").fill("kamoth");
    await filters.getByLabel("Utility").selectOption("electricity");
    await waitForText(page.getByRole("region", { name: "Requests open for bids" }), "1 of 1 open requests shown.");
    await waitForText(page.getByTestId("open-request"), /Bidding closes: (7 d|6 d 23 h \d+ min) left/);
    await bidOn("1000", "14", "4 kW PV + 8 kWh LFP battery", "2 years parts and labour");
    await waitForText(page.getByRole("region", { name: "Your bids" }), /Bid #1 on request #1.*Your bid: open/s);

    await actAs(page, "provider Kisumu Solar");
    await bidOn("1500", "30", "5 kW PV + 10 kWh battery", "1 year parts");
    const myBids = page.getByRole("region", { name: "Your bids" });
    await waitForText(myBids, /Bid #2 on request #1/);
    await clickAndWait(myBids, /Withdraw bid #2/, async () =>
      (await myBids.getByTestId("my-bid-state").allInnerTexts()).includes("withdrawn"),
    );
    await bidOn("1200", "21", "4 kW PV + 10 kWh battery", "3 years parts");
    await waitForText(myBids, /Bid #3 on request #1/);
  });

  it("DX3: after the bidding week the consumer compares the providers' offers and accepts one", async () => {
    await page.getByText("Development tools").click();
    const clock = page.getByRole("form", { name: "Advance the clock (development only)" });
    await clock.getByLabel("Advance the clock by (days), development only").fill("8");
    await clock.getByRole("button", { name: "Advance the clock" }).click();
    await waitForText(clock.getByRole("status"), "The chain clock moved forward 8 days.");

    await actAs(page, "consumer Amina");
    await openScreen(page, "Consumer");
    await waitForText(myRequest(), "Status: awaiting acceptance");
    const bids = myRequest().getByRole("list", { name: "Bids on request #1" });
    const bidTexts = await waitForText(bids, /Bid #3/);
    for (const offer of [
      /Bid #1 by provider SunWorks.*4 kW PV \+ 8 kWh LFP battery.*1,000 SOLAR.*14 d.*2 years parts and labour/s,
      /Bid #2 by provider Kisumu Solar.*withdrawn by the provider/s,
      /Bid #3 by provider Kisumu Solar.*1,200 SOLAR.*21 d.*3 years parts/s,
    ]) {
      assert.match(bidTexts, offer);
    }
    assert.equal(
      await bids.getByRole("button", { name: /Accept this bid/ }).count(),
      2,
      "a withdrawn bid cannot be accepted",
    );
    await clickAndWait(myRequest(), "Accept this bid #1 from provider SunWorks", async () =>
      (await myRequest().innerText()).includes("Status: financing"),
    );
    await waitForText(myRequest(), "0 SOLAR of 1,000 SOLAR raised (0%)");
    // One month from acceptance: "30 d" within the first second, "29 d 23 h 59 min" after.
    await waitForText(myRequest(), /Financing closes: (30 d|29 d 23 h 59 min) left/);
  });

  it("DX4, DX5: three financiers fund to the target and own the generator's 10,000 shares pro rata", async () => {
    const financing = () => page.getByRole("article", { name: `Request #1: ${LOCATION}` });
    const fund = async (financier: string, amount: string, expected: string | null) => {
      await actAs(page, financier);
      await openScreen(page, "Financier");
      await waitForText(financing(), "Installer provider SunWorks");
      await financing().getByLabel("Amount to fund request #1 (SOLAR)").fill(amount);
      await clickAndWait(financing(), "Fund", async () =>
        expected === null ? (await financing().count()) === 0 : (await financing().innerText()).includes(expected),
      );
    };
    await fund("financier Baraka", "500", "500 SOLAR of 1,000 SOLAR raised (50%)");
    await fund("financier Chidi", "300", "800 SOLAR of 1,000 SOLAR raised (80%)");
    await waitForText(financing(), "200 SOLAR left to fund from 2 financiers so far");
    await fund("financier Dalia", "200", null);
    await waitForText(holding().getByTestId("shares"), "2,000 shares (20.00%)");
    await waitForText(page.getByRole("region", { name: "Your contributions" }), "Status: funded");

    await actAs(page, "consumer Amina");
    await openScreen(page, "Consumer");
    await waitForText(myRequest(), "Status: funded");
    await waitForText(myRequest(), "1,000 SOLAR of 1,000 SOLAR raised (100%)");
  });

  it("DX6: two owners vote and the price is the share-weighted average of their votes", async () => {
    const vote = async (owner: string, shares: string, price: string, expectedPrice: string) => {
      await actAs(page, owner);
      await openScreen(page, "Financier");
      await waitForText(holding().getByTestId("shares"), shares);
      await holding().getByLabel("Your price per unit (SOLAR)").fill(price);
      await clickAndWait(holding(), "Vote", async () =>
        (await holding().getByTestId("price").innerText()).includes(expectedPrice),
      );
      await waitForText(holding().getByTestId("my-vote"), `${price} SOLAR per unit`);
    };
    await vote("financier Baraka", "5,000 shares (50.00%)", "0.25", "0.25 SOLAR per unit");
    // (5,000 × 0.25 + 3,000 × 0.3) / 8,000
    await vote("financier Chidi", "3,000 shares (30.00%)", "0.3", "0.26875 SOLAR per unit");
  });

  it("DX8, MX1: the provider applies for the installed device and the Technical DAO approves it", async () => {
    const deviceKey = await addressOf("device key");
    await actAs(page, "provider SunWorks");
    await openScreen(page, "Provider");
    const job = page.getByRole("article", { name: `Job: request #1, ${LOCATION}` });
    await waitForText(job.getByTestId("payout"), "1,000 SOLAR in escrow, paid to you when the consumer activates");
    await waitForText(job.getByTestId("no-generator-device"), "You operate no active Generator device yet.");
    await job.getByRole("link", { name: "Apply for a Generator device on the Devices screen" }).click();
    const apply = page.getByRole("region", { name: "Apply for a device" });
    await apply.getByLabel("Kind").selectOption("generator");
    await fillAll(apply, {
      "Device key (address)": deviceKey,
      "Rated power (W)": "4000",
      "Maximum transmission loss (%)": "2.5",
      Location: DEVICE_LOCATION,
    });
    await clickAndWait(apply, "Apply for the device", async () => (await apply.innerText()).includes("Applied"));

    // The DAO's members (the operator, Baraka and Chidi) propose, vote and execute the approval on the DAO screen.
    await actAs(page, OPERATOR);
    await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: "DAO", exact: true }).click();
    const applied = page.getByRole("article", { name: `Device #1: generator at ${DEVICE_LOCATION}` });
    const propose = applied.getByRole("form", { name: "Propose a decision on device #1" });
    await propose.getByLabel("Decision").selectOption("approve");
    const proposal = () => page.getByTestId("proposal").filter({ hasText: "Approve device 1" });
    await clickAndWait(propose, "Propose", async () => (await proposal().count()) === 1);
    // The embedded chain mines only when a transaction comes, and the node checks a vote against the latest block,
    // which still carries the proposal's own time (its vote start, with no voting delay): one more block opens it.
    assert.equal((await apiClient(node.apiUrl).post("/api/v1/dev/time", { seconds: "1" })).status, 200);
    for (const member of [OPERATOR, "financier Baraka", "financier Chidi"]) {
      await actAs(page, member);
      await waitForText(proposal().getByTestId("proposal-state"), "active");
      await clickAndWait(proposal(), /^Vote for/, async () => (await proposal().innerText()).includes("You voted for"));
    }
    const tools = page.locator("details.dev-tools");
    if ((await tools.getAttribute("open")) === null) await page.getByText("Development tools").click();
    const clock = page.getByRole("form", { name: "Advance the clock (development only)" });
    await clock.getByLabel("Advance the clock by (days), development only").fill("1");
    await clock.getByRole("button", { name: "Advance the clock" }).click();
    await waitForText(proposal().getByTestId("proposal-state"), "succeeded");
    await clickAndWait(proposal(), /^Execute/, async () =>
      (await proposal().getByTestId("proposal-state").innerText()).startsWith("executed"),
    );
  });

  it("DX7, DX8: the provider registers the approved device, then the consumer activates the generator", async () => {
    await actAs(page, "provider SunWorks");
    await openScreen(page, "Provider");
    const job = page.getByRole("article", { name: `Job: request #1, ${LOCATION}` });
    const choice = job.getByLabel("Installed device", { exact: true });
    await waitForText(choice, `Device #1: 4000 W at ${DEVICE_LOCATION}`);
    await choice.selectOption("1");
    await clickAndWait(job, "Register device", async () =>
      (await job.innerText()).includes("Device registered: device #1, key device key"),
    );

    await actAs(page, "consumer Amina");
    await openScreen(page, "Consumer");
    await waitForText(myRequest(), "The provider registered device #1, key device key");
    await myRequest().getByLabel("Initial token to activate (SOLAR)").fill("10");
    await clickAndWait(myRequest(), "Activate the generator", async () =>
      (await myRequest().innerText()).includes("Status: active"),
    );

    await actAs(page, "provider SunWorks");
    await openScreen(page, "Provider");
    await waitForText(job.getByTestId("payout"), "1,000 SOLAR paid to you on activation");
    await waitForText(page.getByTestId("paid-total"), "Paid to you so far: 1,000 SOLAR");
  });

  it("DX8: another person buys kWh at the voted price, sees the credit, and the dashboard follows live", async () => {
    const dashboard = await browser.context.newPage();
    await dashboard.goto(`${node.apiUrl}/#/`);
    await dashboard.locator('main[data-testid="dashboard"][aria-busy="false"]').waitFor();

    await actAs(page, "buyer Esther");
    await openScreen(page, "Consumer");
    const buy = page.getByRole("region", { name: "Buy energy" });
    await waitForText(buy.getByLabel("Generator"), "0.26875 SOLAR per unit");
    await buy.getByLabel("Units to buy (kWh)").fill("10");
    await waitForText(buy, "Costs 2.6875 SOLAR at the current price.");
    await clickAndWait(buy, "Buy energy", async () =>
      (await buy.getByRole("status").innerText()).includes("Bought 10 units"),
    );
    await waitForText(page.getByTestId("credits"), "10 kWh of credit on generator");
    await waitForText(page.getByRole("region", { name: "Your credit and usage" }), "Bought 10 kWh for 2.6875 SOLAR");

    // The other tab was not reloaded: the event stream brought the purchase and the new totals.
    await waitForText(dashboard.getByRole("log"), "buyer Esther bought 10 units for 2.6875 SOLAR");
    await waitForText(dashboard.getByTestId("total-units"), "10");
    await dashboard.close();
  });

  it("DX8: the device's signed usage reading draws the credit down and is described as such", async () => {
    const dashboard = await browser.context.newPage();
    await dashboard.goto(`${node.apiUrl}/#/`);
    await dashboard.locator('main[data-testid="dashboard"][aria-busy="false"]').waitFor();

    // The installed meter has no screen: it signs its reading with the device key and anyone relays it (here the
    // operator, through the API).
    const api = apiClient(node.apiUrl);
    const [operator, esther, device] = [0, 7, 9].map((i) => devAccounts()[i]?.account);
    assert.ok(operator && esther && device);
    const generator = (await api.get("/api/v1/requests/1")).body.generator as Address;
    const chain = createPublicClient({ transport: http(node.rpcUrl) });
    const [latest, chainId] = await Promise.all([chain.getBlock(), chain.getChainId()]);
    const usage = { consumer: esther.address, deliveredMilliUnits: 1_500n, readAt: latest.timestamp };
    const signature = await signUsage(device, { chainId, generator, usage });
    const relayed = await api.devAct(operator.address, "reportUsage", {
      generator,
      consumer: usage.consumer,
      deliveredMilliUnits: usage.deliveredMilliUnits.toString(),
      readAt: usage.readAt.toString(),
      signature,
    });
    assert.equal(relayed.status, 200, JSON.stringify(relayed.body));
    assert.equal(relayed.body.status, "success", "the reading was accepted");

    await actAs(page, "buyer Esther");
    await openScreen(page, "Consumer");
    await waitForText(page.getByTestId("credits"), "8.5 kWh of credit on generator");
    await waitForText(
      page.getByRole("region", { name: "Your credit and usage" }),
      "The device's signed reading: 1.5 kWh used (1.5 kWh delivered in all) from generator",
    );
    await waitForText(
      dashboard.getByRole("log"),
      "the device's signed reading: 1.5 units used by buyer Esther (1.5 units delivered in all)",
    );
    await dashboard.close();
  });

  it("DX9, DX6: a financier claims revenue; a share transfer keeps past revenue and moves the price", async () => {
    await actAs(page, "financier Baraka");
    await openScreen(page, "Financier");
    // Revenue 10 (activation) + 2.6875 (purchase); Baraka owns half.
    await waitForText(holding().getByTestId("claimable"), "6.34375 SOLAR");
    await clickAndWait(
      holding(),
      /Claim revenue/,
      async () => (await holding().getByTestId("claimable").innerText()) === "0 SOLAR",
    );
    await waitForText(holding(), /Claimed so far\s*6\.34375 SOLAR/);

    const dalia = await addressOf("financier Dalia");
    await actAs(page, "financier Chidi");
    await openScreen(page, "Financier");
    await waitForText(holding().getByTestId("claimable"), "3.80625 SOLAR");
    await holding().getByLabel("Transfer to (address)").fill(dalia);
    await holding().getByLabel("Shares to transfer").fill("500");
    await clickAndWait(holding(), "Transfer shares", async () =>
      (await holding().getByTestId("shares").innerText()).includes("2,500 shares (25.00%)"),
    );
    // Chidi's vote now weighs 2,500: (5,000 × 0.25 + 2,500 × 0.3) / 7,500, rounded down to the wei.
    await waitForText(holding().getByTestId("price"), "0.266666666666666666 SOLAR per unit");
    await waitForText(holding().getByTestId("claimable"), "3.80625 SOLAR");
  });

  it("DX1–DX9: the public dashboard shows the totals, the generator and its owners' price history", async () => {
    await openScreen(page, "Dashboard");
    const main = page.locator('main[data-testid="dashboard"][aria-busy="false"]');
    await main.waitFor();
    await waitForText(page.getByTestId("total-raised"), "1,000 SOLAR");
    await waitForText(page.getByTestId("total-units"), "10");
    await waitForText(page.getByTestId("total-revenue"), "12.6875 SOLAR");
    await waitForText(page.getByTestId("total-paid-out"), "6.34375 SOLAR");
    const row = page.getByTestId("generator-row");
    assert.equal(await row.count(), 1);
    const rowText = await waitForText(row, "Active");
    assert.match(rowText, /1,000 SOLAR \(100% funded\)/);
    assert.match(rowText, /0\.266666666666666666 SOLAR/);
    assert.match(rowText, /12\.6875 SOLAR/);
    await waitForText(page.getByRole("region", { name: "Over time" }), "Units sold per day");

    await row.getByRole("link").click();
    const detail = page.locator("main");
    await waitForText(detail, /Device\s*Device #1 in the device registry/);
    await waitForText(detail, /Device key\s*device key/);
    await waitForText(
      detail.getByRole("table", { name: "Owners and their price votes" }),
      /financier Dalia.*2,500 shares/s,
    );
    const history = await waitForText(detail.getByRole("region", { name: "Price history" }), /0\.266666666666666666/);
    assert.match(history, /0\.25 SOLAR per unit from block/);
    assert.match(history, /0\.26875 SOLAR per unit from block/);
  });

  it("DX8, DX12: a browser wallet (EIP-1193) signs a purchase, and the screen says it is pending meanwhile", async () => {
    // A stand-in for a wallet extension: window.ethereum forwarding to the node's JSON-RPC endpoint, with one
    // account; and a recorder of what the status regions announce.
    const femi = await addressOf("buyer Femi");
    const wallet = await browser.context.newPage();
    await wallet.addInitScript(`
      window.ethereum = {
        async request({ method, params }) {
          if (method === "eth_requestAccounts" || method === "eth_accounts") return [${JSON.stringify(femi)}];
          const response = await fetch(${JSON.stringify(node.rpcUrl)}, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
          });
          const answer = await response.json();
          if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
          return answer.result;
        },
      };
      window.announced = [];
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[role="status"]')) {
          const text = el.textContent.trim();
          if (text && window.announced[window.announced.length - 1] !== text) window.announced.push(text);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    `);
    await wallet.goto(`${node.apiUrl}/#/consumer`);
    await wallet.getByRole("button", { name: "Connect browser wallet" }).click();
    await waitForText(wallet.locator(".acting-as"), `Acting as ${femi} (browser wallet)`);
    const buy = wallet.getByRole("region", { name: "Buy energy" });
    await waitForText(buy.getByLabel("Generator"), "0.266666666666666666 SOLAR per unit");
    await buy.getByLabel("Units to buy (kWh)").fill("2");
    await clickAndWait(buy, "Buy energy", async () =>
      (await buy.getByRole("status").innerText()).includes("Bought 2 units"),
    );
    await waitForText(wallet.getByTestId("credits"), "2 kWh of credit on generator");
    const announced = (await wallet.evaluate("window.announced")) as string[];
    assert.ok(
      announced.some((text) =>
        /^Pending: Allow the generator to take 0\.533333333333333332 SOLAR \(step 1 of 2\)/.test(text),
      ),
      `the approval was announced as pending: ${JSON.stringify(announced)}`,
    );
    assert.ok(
      announced.some((text) => /^Pending: Buy 2 units for 0\.533333333333333332 SOLAR \(step 2 of 2\)/.test(text)),
      `the purchase was announced as pending: ${JSON.stringify(announced)}`,
    );
    await wallet.close();
  });

  it("DX12: each role's main screen fits a 360 px phone; screenshots at 360 px and desktop", async () => {
    const screens = [
      ["dashboard", "Dashboard", "financier Baraka"],
      ["consumer", "Consumer", "consumer Amina"],
      ["provider", "Provider", "provider SunWorks"],
      ["financier", "Financier", "financier Baraka"],
    ] as const;
    for (const [file, screen, account] of screens) {
      await actAs(page, account);
      await openScreen(page, screen);
      await settle(page);
      await page.setViewportSize(PHONE);
      // Charts follow the width through a ResizeObserver, a frame or two after the viewport changes.
      let overflowPx = 0;
      await eventually(
        async () => {
          overflowPx = (await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth",
          )) as number;
          return overflowPx <= 0 ? true : undefined;
        },
        () => `${screen} is ${overflowPx} px wider than a 360 px screen`,
        3000,
      );
      await screenshotBothWidths(page, file);
    }
  });

  it("DX12: the consumer screen works from the keyboard alone: skip link first, then every control in order", async () => {
    await actAs(page, "consumer Amina");
    await openScreen(page, "Consumer");
    await page.reload();
    await page.getByRole("region", { name: "Your requests" }).waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate("document.activeElement.textContent"), "Skip to content");
    await page.keyboard.press("Enter");
    assert.equal(
      await page.evaluate("document.activeElement.tagName"),
      "MAIN",
      "the skip link moves focus to the screen",
    );
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      reached.push((await page.evaluate("document.activeElement.id || document.activeElement.textContent")) as string);
      if (reached.at(-1) === "Send request") break;
    }
    assert.equal(reached.at(-1), "Send request", `Tab order from the screen: ${reached.join(" → ")}`);
    await page.keyboard.press("Enter");
    await waitForText(
      page.getByRole("region", { name: "Request a generator" }),
      "Enter where the generator is needed.",
    );
    const focusedId = (await page.evaluate("document.activeElement.id")) as string;
    const locationId = await page.getByLabel("Location", { exact: true }).getAttribute("id");
    assert.equal(focusedId, locationId, "a refused form moves focus to the first wrong field");
  });

  it("accessibility: no serious or critical axe-core violation on any main screen", async () => {
    await actAs(page, "financier Baraka");
    for (const screen of ["Dashboard", "Consumer", "Provider", "Financier"] as const) {
      await openScreen(page, screen);
      await settle(page);
      const violations = await seriousAccessibilityViolations(page);
      assert.equal(violations.length, 0, `${screen}:\n${describeViolations(violations)}`);
    }
    await openScreen(page, "Dashboard");
    await page.getByTestId("generator-row").getByRole("link").click();
    await page.getByRole("heading", { name: "Owners" }).waitFor();
    const violations = await seriousAccessibilityViolations(page);
    assert.equal(violations.length, 0, `generator:\n${describeViolations(violations)}`);
    assert.deepEqual(pageErrors, [], "the pages threw no uncaught errors");
  });
});

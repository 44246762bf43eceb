// The energy screens end to end: a node in this process, the built app in headless Chromium, and the measured-energy
// lifecycle driven through the screens only — an operator applies for a device, the Technical DAO's members propose,
// vote and execute its approval, a storage node stores and returns energy with its loss checked, and a liquidity
// provider deposits into a pool and swaps with a quote. Each person is picked in the development-account switcher.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { type Abi, createWalletClient, type Hex, http, parseEther } from "viem";
import { deployContract, waitForTransactionReceipt } from "viem/actions";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { ensureWebBuilt } from "../scripts/webBuild.ts";
import { apiClient } from "./support/apiClient.ts";
import {
  actAs,
  type Browser,
  clickAndWait,
  describeViolations,
  eventually,
  launchBrowser,
  openPage,
  PHONE,
  screenshotBothWidths,
  seriousAccessibilityViolations,
  settle,
  waitForText,
} from "./support/browser.ts";

const OPERATOR = "operator (deploys, owns the Solar Token)";
const LOCATION = "Kisumu rooftop array";
const NODE_LOCATION = "Kisumu battery hall";
const REFERENCE_TOKEN = new URL("../artifacts/contracts/bench/ReferenceERC20.sol/ReferenceERC20.json", import.meta.url);

type EnergyScreenName = "Energy" | "Devices" | "DAO" | "Swap";

describe("web app: the energy screens (MX1, MX3, MX4, MX6, MX7)", () => {
  let node: RunningNode;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let api: ReturnType<typeof apiClient>;
  const dev = devAccounts();
  const address = (i: number) => dev[i]?.account.address as string;

  before(async () => {
    await ensureWebBuilt();
    dataDir = mkdtempSync(join(tmpdir(), "drex-web-energy-"));
    node = await startNode(resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent" }, {}));
    api = apiClient(node.apiUrl);
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

  async function openScreen(name: EnergyScreenName): Promise<void> {
    await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name, exact: true }).click();
    await page.locator("main").first().waitFor();
    await settle(page);
  }

  /** Opens a screen by its address and waits until it has read what it shows. */
  async function openHash(hash: string): Promise<void> {
    await page.goto(`${node.apiUrl}/${hash}`);
    await page.locator("main").first().waitFor();
    await settle(page);
  }

  /** What a form's status line says now ("" before anything was sent), without waiting for it to appear. */
  async function statusOf(scope: Locator): Promise<string> {
    return (await scope.locator(".tx-status").allInnerTexts()).join("\n");
  }

  async function fillAll(scope: Locator, fields: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(fields)) await scope.getByLabel(label, { exact: true }).fill(value);
  }

  async function advanceClockOneDay(): Promise<void> {
    const tools = page.locator("details.dev-tools");
    if ((await tools.getAttribute("open")) === null) await page.getByText("Development tools").click();
    const clock = page.getByRole("form", { name: "Advance the clock (development only)" });
    await clock.getByLabel("Advance the clock by (days), development only").fill("1");
    await clock.getByRole("button", { name: "Advance the clock" }).click();
    await waitForText(clock.getByRole("status"), "The chain clock moved forward 1 days.");
  }

  const proposal = (description: string) => page.getByTestId("proposal").filter({ hasText: description });

  /** Proposes on the DAO screen (as the operator, a member), votes for as the three members, passes the vote, executes. */
  async function approveThroughDao(deviceId: string, location: string, kind: string): Promise<void> {
    await actAs(page, OPERATOR);
    await openScreen("DAO");
    const applied = page.getByRole("article", { name: `Device #${deviceId}: ${kind} at ${location}` });
    const propose = applied.getByRole("form", { name: `Propose a decision on device #${deviceId}` });
    await propose.getByLabel("Decision").selectOption("approve");
    await clickAndWait(propose, "Propose", async () => (await proposal(`Approve device ${deviceId}`).count()) === 1);
    // The embedded chain mines only when a transaction comes, and the node checks a vote against the latest block,
    // which still carries the proposal's own time (its vote start, with no voting delay): one more block opens it.
    assert.equal((await api.post("/api/v1/dev/time", { seconds: "1" })).status, 200);
    for (const member of [OPERATOR, "financier Baraka", "financier Chidi"]) {
      await actAs(page, member);
      const card = proposal(`Approve device ${deviceId}`);
      await waitForText(card.getByTestId("proposal-state"), "active");
      await clickAndWait(card, /^Vote for/, async () => (await card.innerText()).includes("You voted for"));
    }
    const card = proposal(`Approve device ${deviceId}`);
    await waitForText(card.getByTestId("proposal-tally"), "For 3, against 0, abstain 0");
    await advanceClockOneDay();
    await waitForText(card.getByTestId("proposal-state"), "succeeded");
    await clickAndWait(card, /^Execute/, async () =>
      (await card.getByTestId("proposal-state").innerText()).startsWith("executed"),
    );
  }

  it("MX1: an operator applies for a device on the Devices screen, keyed by the device's address", async () => {
    const deviceKey = address(9);
    await actAs(page, OPERATOR);
    await openScreen("Devices");
    const form = page.getByRole("region", { name: "Apply for a device" });
    await form.getByLabel("Kind").selectOption("generator");
    await fillAll(form, {
      "Device key (address)": deviceKey,
      "Rated power (W)": "5000",
      "Maximum transmission loss (%)": "2.5",
      Location: LOCATION,
      "Pool data (optional)": "stratum+tcp://pool.example:3333 worker kisumu-1",
      "Hardware status (optional)": "ok",
    });
    await clickAndWait(form, "Apply for the device", async () => (await statusOf(form)).includes("Applied"));
    const registry = page.getByRole("region", { name: "Device registry" });
    const row = registry.getByTestId("device-row").filter({ hasText: "Device #1" });
    await waitForText(row, /applied.*awaiting the DAO's decision/s);
    assert.match(await row.innerText(), /5000 W.*2\.50%.*Kisumu rooftop array/s);
    await registry.getByLabel("Status").selectOption("active");
    await waitForText(registry, "No device matches these filters.");
    await registry.getByLabel("Status").selectOption("applied");
    await waitForText(registry.getByTestId("device-row"), "Device #1");
  });

  it("MX1: a non-member sees the DAO's voting controls disabled and is told why", async () => {
    await actAs(page, "consumer Amina");
    await openScreen("DAO");
    await waitForText(page.getByTestId("membership"), "not a member of the Technical DAO");
    const applied = page.getByRole("article", { name: `Device #1: generator at ${LOCATION}` });
    const propose = applied.getByRole("form", { name: "Propose a decision on device #1" });
    assert.equal(await propose.getByRole("button", { name: "Propose" }).isDisabled(), true);
    await waitForText(propose, "Only members of the Technical DAO propose");
  });

  it("MX1: the DAO proposes approval, members 0, 4 and 5 vote, the vote closes, and the approval is executed", async () => {
    await approveThroughDao("1", LOCATION, "generator");
    await openScreen("Devices");
    await page.getByRole("link", { name: "Device #1", exact: true }).click();
    const main = page.locator('main[data-testid="device-screen"][aria-busy="false"]');
    await main.waitFor();
    await waitForText(page.getByTestId("device-status"), /^active/);
    const history = page.getByRole("region", { name: "History" });
    await waitForText(history, "Approved by the DAO");
    const kinds = await history
      .getByTestId("device-event")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-kind")));
    assert.deepEqual(kinds.slice(0, 2), ["applied", "approved"], "the history lists every event, oldest first");
    await waitForText(page.getByRole("region", { name: "Proposals about this device" }), /Approve device 1.*executed/s);
  });

  it("MX1: the operator updates the device's attributes and the change joins its history", async () => {
    await actAs(page, OPERATOR);
    await page.goto(`${node.apiUrl}/#/devices/1`);
    const form = page.getByRole("region", { name: "Update the attributes" });
    await form.getByLabel("Hardware status", { exact: true }).fill("inverter firmware 2.1, ok");
    await clickAndWait(form, "Update attributes", async () =>
      (await statusOf(form)).includes("attributes are updated"),
    );
    await waitForText(page.getByRole("region", { name: "History" }), "inverter firmware 2.1, ok");
  });

  it("MX4: the payment form fills in the node's figures for the month and the DAO queue is reachable", async () => {
    await actAs(page, OPERATOR);
    await page.goto(`${node.apiUrl}/#/devices/1`);
    const form = page.getByRole("region", { name: "Request payment for a month" });
    await waitForText(form.getByTestId("measured-month"), /The node measured 0 Wh sent in .* from 0 readings/);
    assert.equal(await form.getByLabel("Readings", { exact: true }).inputValue(), "0");
    assert.equal(await form.getByLabel("Energy sent (Wh)", { exact: true }).inputValue(), "0");
    // Nothing measured, nothing to claim: the form says so instead of sending a claim the contract refuses.
    await form.getByRole("button", { name: "Request payment" }).click();
    await waitForText(form, "Enter at least 1 Wh.");
    await openScreen("DAO");
    await waitForText(page.getByRole("region", { name: "Review queue" }), "No payment request is waiting.");
  });

  it("MX7, MX3: a storage node stores energy, the loss above the maximum is flagged, and a take-out comes back", async () => {
    const nodeKey = address(8);
    await actAs(page, OPERATOR);
    await openScreen("Devices");
    const form = page.getByRole("region", { name: "Apply for a device" });
    await form.getByLabel("Kind").selectOption("storageNode");
    await fillAll(form, {
      "Device key (address)": nodeKey,
      "Rated power (W)": "20000",
      "Maximum transmission loss (%)": "1",
      Location: NODE_LOCATION,
    });
    await clickAndWait(form, "Apply for the device", async () => (await statusOf(form)).includes("Applied"));
    await approveThroughDao("2", NODE_LOCATION, "storage node");

    await actAs(page, OPERATOR);
    await openScreen("Energy");
    const forms = page.getByRole("region", { name: "Store and take out" });
    const store = forms.getByRole("form", { name: "Store energy" });
    await fillAll(store, { "Storage node (device id)": "2", "Depositor (device id)": "1", "Energy sent (Wh)": "1000" });
    await clickAndWait(store, "Request store", async () => (await statusOf(store)).includes("Store requested"));

    await actAs(page, "buyer Femi");
    const confirm = forms.getByRole("form", { name: "Confirm a store" });
    await waitForText(confirm, "Waiting: #1 (1,000 Wh sent)");
    await fillAll(confirm, { "Store id": "1", "Energy received (Wh)": "950" });
    await clickAndWait(confirm, "Confirm store", async () => (await statusOf(confirm)).includes("Store #1 confirmed"));
    const storeRow = page.getByTestId("store-row").filter({ hasText: "#1" });
    // 50 Wh of 1,000 is 5%, above the sender's declared 2.5%: flagged in words, not only by colour.
    await waitForText(storeRow, /950 Wh.*50 Wh.*Flagged: above the maximum/s);
    await waitForText(page.getByTestId("flagged-count"), "1 of the recent stores lost more");
    await waitForText(page.getByTestId("storage-node"), /Stored 950 Wh/);

    await actAs(page, OPERATOR);
    const takeOut = forms.getByRole("form", { name: "Take energy out" });
    await fillAll(takeOut, {
      "Storage node (device id)": "2",
      "Depositor (device id)": "1",
      "Energy to take out (Wh)": "400",
    });
    await clickAndWait(takeOut, "Request take-out", async () =>
      (await statusOf(takeOut)).includes("Take-out requested"),
    );
    await actAs(page, "buyer Femi");
    const complete = forms.getByRole("form", { name: "Complete a take-out" });
    await fillAll(complete, { "Take-out id": "1", "Energy delivered (Wh)": "400" });
    await clickAndWait(complete, "Complete take-out", async () =>
      (await statusOf(complete)).includes("Take-out #1 completed"),
    );
    await waitForText(page.getByTestId("take-out-row"), /400 Wh.*400 Wh.*completed/s);
    await waitForText(page.getByTestId("storage-node"), /Stored 550 Wh/);
  });

  it("MX6: a liquidity provider deposits into a pool, then swaps with a live quote and a minimum out", async () => {
    const pool = await poolWithTokensOf(4);
    await actAs(page, "financier Baraka");
    await openScreen("Swap");
    const poolRow = page.getByTestId("pool-row").filter({ hasText: pool.name });
    await waitForText(poolRow, pool.name);

    const add = page.getByRole("region", { name: "Add liquidity" });
    await add.getByLabel("Pool", { exact: true }).selectOption({ label: pool.name });
    await fillAll(add, { [`Deposit ${pool.symbol0}`]: "1000", [`Deposit ${pool.symbol1}`]: "1000" });
    await waitForText(add.getByTestId("add-liquidity-shares"), /You receive about 999\.999999999999999 LP shares/);
    await clickAndWait(add, "Add liquidity", async () => (await statusOf(add)).includes("Liquidity added"));
    await waitForText(poolRow.getByTestId("pool-reserves"), `1,000 ${pool.symbol0} and 1,000 ${pool.symbol1}`);
    await waitForText(poolRow.getByTestId("pool-my-shares"), /999\.999999999999999 LP \(99\.99%/);

    const swap = page.getByRole("region", { name: "Swap", exact: true });
    await swap.getByLabel("Pool", { exact: true }).selectOption({ label: pool.name });
    await swap.getByLabel("You pay with").selectOption({ label: pool.symbol0 });
    await swap.getByLabel(`Amount to pay (${pool.symbol0})`).fill("10");
    await swap.getByLabel("Slippage tolerance (%)").fill("1");
    // 10 × 0.997 × 1,000 / (1,000 + 10 × 0.997), rounded down to the wei, as the pool computes it.
    const quote = await waitForText(swap.getByTestId("swap-quote"), /You receive about 9\.871580343970612988 /);
    assert.match(quote, new RegExp(`pool fee 0\\.30%: 0\\.03 ${pool.symbol0}`));
    assert.match(quote, new RegExp(`at least 9\\.772864540530906858 ${pool.symbol1}`));
    await clickAndWait(swap, "Swap", async () => (await statusOf(swap)).includes("Swapped"));
    await waitForText(
      poolRow.getByTestId("pool-reserves"),
      `1,010 ${pool.symbol0} and 990.128419656029387012 ${pool.symbol1}`,
    );
  });

  it("MX1, MX6, MX7: the energy screens fit a 360 px phone; screenshots at 360 px and desktop", async () => {
    await actAs(page, OPERATOR);
    const screens: [string, string][] = [
      ["energy", "#/energy"],
      ["devices", "#/devices"],
      ["device", "#/devices/1"],
      ["dao", "#/dao"],
      ["swap", "#/swap"],
    ];
    for (const [file, hash] of screens) {
      await openHash(hash);
      await page.setViewportSize(PHONE);
      let overflowPx = 0;
      await eventually(
        async () => {
          overflowPx = (await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth",
          )) as number;
          return overflowPx <= 0 ? true : undefined;
        },
        () => `${hash} is ${overflowPx} px wider than a 360 px screen`,
        3000,
      );
      await screenshotBothWidths(page, file);
    }
  });

  it("accessibility: no serious or critical axe-core violation on the energy screens", async () => {
    await actAs(page, "financier Baraka");
    for (const hash of ["#/energy", "#/devices", "#/devices/1", "#/dao", "#/swap"]) {
      await openHash(hash);
      const violations = await seriousAccessibilityViolations(page);
      assert.equal(violations.length, 0, `${hash}:\n${describeViolations(violations)}`);
    }
    assert.deepEqual(pageErrors, [], "the pages threw no uncaught errors");
  });

  /**
   * A pool whose two tokens development account `i` holds. The embedded deployment's pools hold the Energy Token,
   * which only approved payments mint; so the test pairs a plain ERC-20 it deploys with the Solar Token the
   * development accounts hold, created through the pool actions like anyone would.
   */
  async function poolWithTokensOf(i: number): Promise<{ name: string; symbol0: string; symbol1: string }> {
    const account = dev[i]?.account;
    assert.ok(account);
    const status = (await api.get("/api/v1/status")).body;
    const artifact = JSON.parse(readFileSync(REFERENCE_TOKEN, "utf8")) as { abi: Abi; bytecode: Hex };
    const wallet = createWalletClient({ account, transport: http(node.rpcUrl) });
    const chain = {
      id: Number(status.chainId),
      name: "embedded",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [node.rpcUrl] } },
    };
    const hash = await deployContract(wallet, {
      abi: artifact.abi,
      bytecode: artifact.bytecode,
      args: [parseEther("1000000")],
      account,
      chain,
    });
    const receipt = await waitForTransactionReceipt(wallet, { hash });
    assert.ok(receipt.contractAddress);
    const created = await api.devAct(account.address, "createPool", {
      tokenA: receipt.contractAddress,
      tokenB: status.addresses.token,
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const pools = await eventually(
      async () => {
        const answer = await api.get("/api/v1/energy/pools");
        const found = (answer.body.pools ?? []).find(
          (p: { symbol0: string; symbol1: string }) =>
            [p.symbol0, p.symbol1].includes("REF") && [p.symbol0, p.symbol1].includes("SOLAR"),
        );
        return found as { symbol0: string; symbol1: string } | undefined;
      },
      () => "the new pool was not indexed",
    );
    return { name: `${pools.symbol0} / ${pools.symbol1}`, symbol0: pools.symbol0, symbol1: pools.symbol1 };
  }
});

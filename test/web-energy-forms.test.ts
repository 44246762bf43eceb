// The energy screens' forms refuse bad input — empty, negative, too large, the wrong format — with a message next to
// the field, and send nothing: no action is encoded, no transaction signed, the chain does not move. The devices,
// proposals and pool they need are set up through the API beforehand.
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
import { actAs, type Browser, eventually, launchBrowser, openPage, settle, waitForText } from "./support/browser.ts";

const OPERATOR = "operator (deploys, owns the Solar Token)";
const TWO_POW_64 = "18446744073709551616";
const REFERENCE_TOKEN = new URL("../artifacts/contracts/bench/ReferenceERC20.sol/ReferenceERC20.json", import.meta.url);

type Case = { why: string; fields: Record<string, string>; messages: Record<string, RegExp> };

describe("web app: the energy forms refuse bad input and send nothing (MX1, MX4, MX6, MX7)", () => {
  let node: RunningNode;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let api: ReturnType<typeof apiClient>;
  let poolName: string;
  const writes: string[] = [];
  const dev = devAccounts();
  const address = (i: number) => dev[i]?.account.address as string;

  async function act(i: number, action: string, fields: Record<string, string>): Promise<void> {
    const answer = await api.devAct(address(i), action, fields);
    assert.equal(answer.status, 200, `${action}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.status, "success", `${action} was mined`);
  }

  /** Applies for device `deviceId` as the operator (account 0) and has the DAO approve it. */
  async function activeDevice(deviceId: string, key: string, kind: string): Promise<void> {
    await act(0, "applyDevice", { key, kind, ratedPowerW: "1000", maxLossBps: "250", location: `Site ${deviceId}` });
    // Proposing counts the members' votes a second before the latest block, and voting opens after the proposal's
    // own block: on a chain that mines only on transactions, the clock is moved past both.
    assert.equal((await api.post("/api/v1/dev/time", { seconds: "60" })).status, 200);
    await act(0, "proposeDeviceDecision", { deviceId, decision: "approve" });
    assert.equal((await api.post("/api/v1/dev/time", { seconds: "1" })).status, 200);
    const proposalId = await eventually(
      async () => {
        const answer = await api.get("/api/v1/energy/proposals");
        return (answer.body.proposals ?? []).find((p: { description: string }) =>
          p.description.startsWith(`Approve device ${deviceId}`),
        )?.proposalId as string | undefined;
      },
      () => `no proposal to approve device ${deviceId}`,
    );
    for (const member of [0, 4, 5]) await act(member, "castVote", { proposalId, support: "for" });
    assert.equal((await api.post("/api/v1/dev/time", { seconds: "3700" })).status, 200);
    await act(0, "executeProposal", { proposalId });
  }

  /** A pool of a plain ERC-20 and the Solar Token, with liquidity from account 4 (who holds Solar Tokens). */
  async function fundedPool(): Promise<string> {
    const account = dev[4]?.account;
    assert.ok(account);
    const status = (await api.get("/api/v1/status")).body;
    const artifact = JSON.parse(readFileSync(REFERENCE_TOKEN, "utf8")) as { abi: Abi; bytecode: Hex };
    const wallet = createWalletClient({ account, transport: http(node.rpcUrl) });
    const hash = await deployContract(wallet, {
      abi: artifact.abi,
      bytecode: artifact.bytecode,
      args: [parseEther("1000000")],
      account,
      chain: {
        id: Number(status.chainId),
        name: "embedded",
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [node.rpcUrl] } },
      },
    });
    const token = (await waitForTransactionReceipt(wallet, { hash })).contractAddress as string;
    await act(4, "createPool", { tokenA: token, tokenB: status.addresses.token });
    const found = await eventually(
      async () =>
        (await api.get("/api/v1/energy/pools")).body.pools?.find(
          (p: { symbol0: string; symbol1: string }) => p.symbol0 === "REF" || p.symbol1 === "REF",
        ) as { address: string; symbol0: string; symbol1: string } | undefined,
      () => "the pool was not indexed",
    );
    const pool = found.address;
    const amountWei = parseEther("100").toString();
    await act(4, "approveToken", { token, spender: pool, amountWei });
    await act(4, "approveToken", { token: status.addresses.token, spender: pool, amountWei });
    await act(4, "addLiquidity", { pool, amount0Wei: amountWei, amount1Wei: amountWei, to: address(4) });
    return `${found.symbol0} / ${found.symbol1}`;
  }

  before(async () => {
    await ensureWebBuilt();
    dataDir = mkdtempSync(join(tmpdir(), "drex-web-energy-forms-"));
    node = await startNode(resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent" }, {}));
    api = apiClient(node.apiUrl);
    await activeDevice("1", address(9), "generator");
    await activeDevice("2", address(8), "storageNode");
    await act(0, "applyDevice", {
      key: address(7),
      kind: "meter",
      ratedPowerW: "10",
      maxLossBps: "0",
      location: "Meter",
    });
    poolName = await fundedPool();
    browser = await launchBrowser();
    ({ page } = await openPage(browser));
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (
        request.method() === "POST" &&
        /^\/api\/v1\/(actions|dev\/transactions|dev\/time|transactions)/.test(url.pathname)
      ) {
        writes.push(url.pathname);
      }
    });
    await page.goto(`${node.apiUrl}/#/`);
    await page.locator('main[data-testid="dashboard"][aria-busy="false"]').waitFor();
  });

  after(async () => {
    await browser?.close();
    await node?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function blockNumber(): Promise<string> {
    return (await api.get("/api/v1/status")).body.blockNumber;
  }

  async function open(hash: string): Promise<void> {
    await page.goto(`${node.apiUrl}/${hash}`);
    await page.locator("main").first().waitFor();
    await settle(page);
  }

  /** Fills, submits, and checks each field's message; nothing may have been sent. */
  async function expectRefused(form: Locator, button: string, cases: Case[]): Promise<void> {
    for (const c of cases) {
      for (const [label, value] of Object.entries(c.fields)) await form.getByLabel(label, { exact: true }).fill(value);
      await form.getByRole("button", { name: button, exact: true }).click();
      for (const [label, expected] of Object.entries(c.messages)) {
        const field = form.getByLabel(label, { exact: true });
        const id = await field.getAttribute("id");
        await waitForText(page.locator(`[id="${id}-error"]`), expected);
        assert.equal(await field.getAttribute("aria-invalid"), "true", `${c.why}: ${label} is marked invalid`);
        assert.match((await field.getAttribute("aria-describedby")) ?? "", /-error/, `${c.why}: ${label} → message`);
      }
      assert.deepEqual(writes, [], `${c.why}: nothing is sent`);
    }
  }

  it("MX1: the device application refuses a bad key, power, loss or location", async () => {
    const before = await blockNumber();
    await actAs(page, OPERATOR);
    await open("#/devices");
    const form = page.getByRole("region", { name: "Apply for a device" });
    await expectRefused(form, "Apply for the device", [
      {
        why: "empty",
        fields: {
          "Device key (address)": "",
          "Rated power (W)": "",
          "Maximum transmission loss (%)": "",
          Location: "",
        },
        messages: {
          "Device key (address)": /Enter an address/,
          "Rated power (W)": /Enter a number of watts/,
          "Maximum transmission loss (%)": /Enter the maximum loss in percent/,
          Location: /Enter where the device is/,
        },
      },
      {
        why: "malformed",
        fields: {
          "Device key (address)": "0x1234",
          "Rated power (W)": "5 kW",
          "Maximum transmission loss (%)": "two",
          Location: "Kisumu",
        },
        messages: {
          "Device key (address)": /0x followed by 40 hexadecimal digits/,
          "Rated power (W)": /Enter a whole number of watts/,
          "Maximum transmission loss (%)": /as a number/,
        },
      },
      {
        why: "negative",
        fields: {
          "Device key (address)": `0x${"0".repeat(40)}`,
          "Rated power (W)": "-5",
          "Maximum transmission loss (%)": "-1",
        },
        messages: {
          "Device key (address)": /zero address/,
          "Rated power (W)": /cannot be negative/,
          "Maximum transmission loss (%)": /cannot be negative/,
        },
      },
      {
        why: "too large",
        fields: {
          "Device key (address)": address(6),
          "Rated power (W)": "1000000001",
          "Maximum transmission loss (%)": "100.5",
          Location: "é".repeat(257),
        },
        messages: {
          "Rated power (W)": /Too large: at most 1,000,000,000 watts/,
          "Maximum transmission loss (%)": /Too large: at most 100%/,
          Location: /Too long: at most 512 bytes \(this is 514\)/,
        },
      },
      {
        why: "zero and too precise",
        fields: { "Rated power (W)": "0", "Maximum transmission loss (%)": "2.555", Location: "Kisumu" },
        messages: {
          "Rated power (W)": /at least 1 watts/,
          "Maximum transmission loss (%)": /At most 2 decimal places/,
        },
      },
    ]);
    assert.equal(await blockNumber(), before, "the chain did not move");
  });

  it("MX1: a member's rejection without a reason is refused before it is proposed", async () => {
    await actAs(page, OPERATOR);
    await open("#/dao");
    const form = page.getByRole("form", { name: "Propose a decision on device #3" });
    await form.getByLabel("Decision").selectOption("reject");
    await expectRefused(form, "Propose", [
      { why: "no reason", fields: { Reason: "" }, messages: { Reason: /Enter why the device should be rejected/ } },
      { why: "reason too long", fields: { Reason: "x".repeat(513) }, messages: { Reason: /at most 512 bytes/ } },
    ]);
    const any = page.getByRole("form", { name: "Propose a decision on a device" });
    await expectRefused(any, "Propose", [
      { why: "no device", fields: { "Device id": "" }, messages: { "Device id": /Enter the device id/ } },
      { why: "device zero", fields: { "Device id": "0" }, messages: { "Device id": /Ids count from 1/ } },
      { why: "not an id", fields: { "Device id": "#3" }, messages: { "Device id": /whole number/ } },
    ]);
  });

  it("MX4: the payment request refuses a bad month, energy above the rated power, and impossible figures", async () => {
    const before = await blockNumber();
    await actAs(page, OPERATOR);
    await open("#/devices/1");
    const form = page.getByRole("region", { name: "Request payment for a month" });
    await waitForText(form.getByTestId("measured-month"), "The node measured");
    await expectRefused(form, "Request payment", [
      {
        why: "bad month",
        fields: { "Month (YYYY-MM)": "2026-13" },
        messages: { "Month (YYYY-MM)": /from 01 to 12/ },
      },
      {
        why: "month in words",
        fields: { "Month (YYYY-MM)": "July" },
        messages: { "Month (YYYY-MM)": /Write the month as YYYY-MM/ },
      },
      {
        why: "figures out of range",
        fields: {
          "Month (YYYY-MM)": "2026-06",
          "First readings hour": "10",
          "Last readings hour": "9",
          // 1,000 W for the 720 hours of June is at most 720,000 Wh.
          "Energy sent (Wh)": "720001",
          Readings: "0",
          "Gaps in the readings": "-1",
          "Uptime (%)": "101",
          "Transmission loss (Wh)": TWO_POW_64,
        },
        messages: {
          "Last readings hour": /cannot be before the first/,
          "Energy sent (Wh)": /Too large: at most 720,000 Wh/,
          Readings: /at least 1 readings/,
          "Gaps in the readings": /cannot be negative/,
          "Uptime (%)": /Too large: at most 100%/,
          "Transmission loss (Wh)": /Too large/,
        },
      },
      {
        why: "loss above what was sent",
        fields: { "Last readings hour": "10", "Energy sent (Wh)": "100", "Transmission loss (Wh)": "101" },
        messages: { "Transmission loss (Wh)": /more than the energy sent/ },
      },
    ]);
    assert.equal(await blockNumber(), before, "the chain did not move");
  });

  it("MX7: the store and take-out forms refuse missing ids, zero or negative energy and impossible amounts", async () => {
    const before = await blockNumber();
    await actAs(page, OPERATOR);
    await open("#/energy");
    const forms = page.getByRole("region", { name: "Store and take out" });
    await expectRefused(forms.getByRole("form", { name: "Store energy" }), "Request store", [
      {
        why: "empty",
        fields: { "Storage node (device id)": "", "Depositor (device id)": "", "Energy sent (Wh)": "" },
        messages: {
          "Storage node (device id)": /Enter the storage node id/,
          "Depositor (device id)": /Enter the device id/,
          "Energy sent (Wh)": /Enter a number of Wh/,
        },
      },
      {
        why: "self storage, zero energy",
        fields: { "Storage node (device id)": "2", "Depositor (device id)": "2", "Energy sent (Wh)": "0" },
        messages: {
          "Depositor (device id)": /does not store for itself/,
          "Energy sent (Wh)": /at least 1 Wh/,
        },
      },
      {
        why: "too large",
        fields: { "Depositor (device id)": "1", "Energy sent (Wh)": TWO_POW_64 },
        messages: { "Energy sent (Wh)": /Too large/ },
      },
    ]);
    await expectRefused(forms.getByRole("form", { name: "Confirm a store" }), "Confirm store", [
      {
        why: "negative and fractional",
        fields: { "Store id": "-1", "Energy received (Wh)": "1.5" },
        messages: { "Store id": /cannot be negative/, "Energy received (Wh)": /whole number/ },
      },
    ]);
    await expectRefused(forms.getByRole("form", { name: "Take energy out" }), "Request take-out", [
      {
        why: "zero",
        fields: { "Storage node (device id)": "0", "Depositor (device id)": "1", "Energy to take out (Wh)": "0" },
        messages: { "Storage node (device id)": /Ids count from 1/, "Energy to take out (Wh)": /at least 1 Wh/ },
      },
    ]);
    await expectRefused(forms.getByRole("form", { name: "Complete a take-out" }), "Complete take-out", [
      {
        why: "empty",
        fields: { "Take-out id": "", "Energy delivered (Wh)": "" },
        messages: { "Take-out id": /Enter the take-out id/, "Energy delivered (Wh)": /Enter a number of Wh/ },
      },
    ]);
    assert.equal(await blockNumber(), before, "the chain did not move");
  });

  it("MX6: the swap and liquidity forms refuse bad amounts, tolerances, deadlines and more than is held", async () => {
    const before = await blockNumber();
    await actAs(page, "consumer Amina");
    await open("#/swap");
    const swap = page.getByRole("region", { name: "Swap", exact: true });
    await swap.getByLabel("Pool", { exact: true }).selectOption({ label: poolName });
    await swap.getByLabel("You pay with").selectOption({ label: "SOLAR" });
    const amount = "Amount to pay (SOLAR)";
    await expectRefused(swap, "Swap", [
      { why: "empty", fields: { [amount]: "" }, messages: { [amount]: /Enter an amount of SOLAR/ } },
      { why: "negative", fields: { [amount]: "-1" }, messages: { [amount]: /cannot be negative/ } },
      { why: "zero", fields: { [amount]: "0" }, messages: { [amount]: /more than 0/ } },
      { why: "too precise", fields: { [amount]: "1.0000000000000000001" }, messages: { [amount]: /18 decimal/ } },
      { why: "more than held", fields: { [amount]: "1000000000" }, messages: { [amount]: /\(your balance\)/ } },
      {
        why: "tolerance and deadline",
        fields: { [amount]: "1", "Slippage tolerance (%)": "60", "Deadline (minutes)": "0" },
        messages: {
          "Slippage tolerance (%)": /Too large: at most 50%/,
          "Deadline (minutes)": /at least 1 minutes/,
        },
      },
    ]);
    const remove = page.getByRole("region", { name: "Remove liquidity" });
    await remove.getByLabel("Pool", { exact: true }).selectOption({ label: poolName });
    await expectRefused(remove, "Remove liquidity", [
      {
        why: "no shares held",
        fields: { "Shares to redeem (LP)": "1" },
        messages: { "Shares to redeem (LP)": /You hold no shares of this pool/ },
      },
    ]);
    const add = page.getByRole("region", { name: "Add liquidity" });
    await add.getByLabel("Pool", { exact: true }).selectOption({ label: poolName });
    await expectRefused(add, "Add liquidity", [
      {
        why: "negative and empty",
        fields: { "Deposit SOLAR": "-3" },
        messages: { "Deposit SOLAR": /cannot be negative/ },
      },
    ]);
    assert.equal(await blockNumber(), before, "the chain did not move");
  });
});

// Every form of the web app refuses bad input — empty, negative, too large, the wrong format — with a message next
// to the field, and sends nothing: no action is encoded, no transaction signed, the chain does not move. And when
// the node or the contracts refuse what a form sent, the screen says why in plain words.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import type { Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { ensureWebBuilt } from "../scripts/webBuild.ts";
import { apiClient } from "./support/apiClient.ts";
import { approvedGeneratorDeviceViaApi } from "./support/apiScenario.ts";
import {
  actAs,
  type Browser,
  describeViolations,
  launchBrowser,
  openPage,
  openScreen,
  seriousAccessibilityViolations,
  waitForText,
} from "./support/browser.ts";

/** 2^64: one more than a uint64 holds. */
const TWO_POW_64 = "18446744073709551616";
const NINETEEN_DECIMALS = "1.0000000000000000001";

type Case = { why: string; fields: Record<string, string>; messages: Record<string, RegExp> };

describe("web app forms refuse bad input and send nothing", () => {
  let node: RunningNode;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let api: ReturnType<typeof apiClient>;
  const writes: string[] = [];
  const dev = devAccounts();
  const address = (i: number) => dev[i]?.account.address as string;
  let schoolGenerator: string;

  before(async () => {
    await ensureWebBuilt();
    dataDir = mkdtempSync(join(tmpdir(), "drex-web-forms-"));
    node = await startNode(resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent", demo: true }, {}));
    api = apiClient(node.apiUrl);
    const school = await api.get("/api/v1/requests/2");
    schoolGenerator = school.body.generator;
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

  async function act(i: number, action: string, fields: Record<string, string>): Promise<void> {
    const answer = await api.devAct(address(i), action, fields);
    assert.equal(answer.status, 200, `${action}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.status, "success", `${action} was mined`);
  }

  /** Set-up through the API: account `operator` applies for a Generator device keyed `key`, approved by the DAO. */
  async function approvedGeneratorDevice(operator: number, key: Address): Promise<string> {
    const deviceId = await approvedGeneratorDeviceViaApi(node.apiUrl, {
      operator: address(operator) as Address,
      key,
      ratedPowerW: 3_000n,
      location: "Manyatta Primary School roof",
    });
    return deviceId.toString();
  }

  /** The message shown next to a field (its aria-describedby error element), once it is there. */
  async function messageOf(field: Locator): Promise<string> {
    assert.equal(await field.getAttribute("aria-invalid"), "true", "the field is marked invalid");
    const ids = (await field.getAttribute("aria-describedby")) ?? "";
    const errorId = ids.split(" ").find((id) => id.endsWith("-error"));
    assert.ok(errorId, "the field points to its message");
    return page.locator(`[id="${errorId}"]`).innerText();
  }

  /** Fills, submits, and checks each field's message; nothing may have been sent. */
  async function expectRefused(form: Locator, button: string, cases: Case[]): Promise<void> {
    const sentBefore = writes.length;
    for (const c of cases) {
      for (const [label, value] of Object.entries(c.fields)) await form.getByLabel(label, { exact: true }).fill(value);
      await form.getByRole("button", { name: button, exact: true }).click();
      for (const [label, expected] of Object.entries(c.messages)) {
        const field = form.getByLabel(label, { exact: true });
        await waitForText(page.locator(`[id="${await field.getAttribute("id")}-error"]`), expected);
        assert.match(await messageOf(field), expected, `${c.why}: ${label}`);
      }
      assert.deepEqual(writes.slice(sentBefore), [], `${c.why}: nothing is sent`);
    }
  }

  it("DX1: the request form refuses an empty, negative, too large or malformed request", async () => {
    const before = await blockNumber();
    await actAs(page, "consumer Amina");
    await openScreen(page, "Consumer");
    const form = page.getByRole("region", { name: "Request a generator" });
    await expectRefused(form, "Send request", [
      {
        why: "empty",
        fields: { Location: "", "Power needed (watts)": "" },
        messages: {
          Location: /Enter where the generator is needed/,
          "Power needed (watts)": /Enter a number of watts/,
        },
      },
      {
        why: "negative",
        fields: { Location: "Kisumu", "Power needed (watts)": "-5" },
        messages: { "Power needed (watts)": /cannot be negative/ },
      },
      {
        why: "zero",
        fields: { "Power needed (watts)": "0" },
        messages: { "Power needed (watts)": /at least 1 watts/ },
      },
      {
        why: "too large",
        fields: { "Power needed (watts)": "10000000001" },
        messages: { "Power needed (watts)": /Too large: at most 10,000,000,000 watts/ },
      },
      {
        why: "decimals",
        fields: { "Power needed (watts)": "12.5" },
        messages: { "Power needed (watts)": /whole number/ },
      },
      {
        why: "not a number",
        fields: { "Power needed (watts)": "lots" },
        messages: { "Power needed (watts)": /Enter a whole number of watts/ },
      },
      {
        why: "texts too long",
        fields: {
          Location: "é".repeat(65),
          "Power needed (watts)": "100",
          "Reason (optional)": "x".repeat(513),
          "Utility (optional)": "x".repeat(33),
          "Unit sold (optional)": "x".repeat(17),
        },
        messages: {
          Location: /Too long: at most 128 bytes \(this is 130\)/,
          "Reason (optional)": /at most 512 bytes/,
          "Utility (optional)": /at most 32 bytes/,
          "Unit sold (optional)": /at most 16 bytes/,
        },
      },
    ]);
    assert.equal(await blockNumber(), before, "the chain did not move");
  });

  it("DX8: the energy purchase refuses bad units and more than the balance", async () => {
    const before = await blockNumber();
    await actAs(page, "buyer Esther");
    await openScreen(page, "Consumer");
    const form = page.getByRole("region", { name: "Buy energy" });
    await waitForText(form.getByLabel("Generator"), "per unit");
    const units = "Units to buy (kWh)";
    await expectRefused(form, "Buy energy", [
      { why: "empty", fields: { [units]: "" }, messages: { [units]: /Enter a number of units/ } },
      { why: "negative", fields: { [units]: "-1" }, messages: { [units]: /cannot be negative/ } },
      { why: "zero", fields: { [units]: "0" }, messages: { [units]: /at least 1 units/ } },
      { why: "beyond uint64", fields: { [units]: TWO_POW_64 }, messages: { [units]: /Too large/ } },
      { why: "fraction", fields: { [units]: "1.5" }, messages: { [units]: /whole number/ } },
      {
        why: "more than the balance",
        fields: { [units]: "1000000000" },
        messages: { [units]: /That costs .* SOLAR; your balance is .* SOLAR/ },
      },
    ]);
    assert.equal(await blockNumber(), before);
  });

  it("DX2: the bid form refuses a missing unit, bad costs and installation times", async () => {
    const before = await blockNumber();
    await actAs(page, "provider SunWorks");
    await openScreen(page, "Provider");
    const request = page.getByRole("article", { name: "Request #4: Obunga water kiosk, Kisumu" });
    await request.getByText("Bid on request #4").click();
    const form = request.getByRole("form", { name: "Bid on request #4" });
    const cost = "Installation cost (SOLAR)";
    const days = "Installation time (days)";
    await expectRefused(form, "Place bid", [
      {
        why: "empty",
        fields: { "Unit to install": "", [cost]: "", [days]: "" },
        messages: {
          "Unit to install": /Enter the unit you would install/,
          [cost]: /Enter an amount of SOLAR/,
          [days]: /Enter a number of days/,
        },
      },
      {
        why: "negative",
        fields: { "Unit to install": "2 kW PV", [cost]: "-100", [days]: "-3" },
        messages: { [cost]: /cannot be negative/, [days]: /cannot be negative/ },
      },
      {
        why: "zero",
        fields: { [cost]: "0", [days]: "0" },
        messages: { [cost]: /more than 0/, [days]: /at least 1 days/ },
      },
      {
        why: "too large",
        fields: { [cost]: "340282366920938463464", [days]: "366" },
        messages: {
          [cost]: /Too large: at most 340,282,366,920,938,463,463\.374607431768211455 SOLAR/,
          [days]: /at most 365 days/,
        },
      },
      {
        why: "wrong format",
        fields: { [cost]: "1e5", [days]: "two" },
        messages: { [cost]: /decimal number, such as 12\.5/, [days]: /Enter a whole number of days/ },
      },
      {
        why: "too many decimals",
        fields: { [cost]: NINETEEN_DECIMALS, [days]: "7", "Insurance (optional)": "x".repeat(257) },
        messages: { [cost]: /at most 18 decimal places/, "Insurance (optional)": /at most 256 bytes/ },
      },
    ]);
    assert.equal(await blockNumber(), before);
  });

  const schoolJob = () => page.getByRole("article", { name: "Job: request #2, Manyatta Primary School, Kisumu" });

  it("DX8: a provider with no approved Generator device is told so and sent to apply for one", async () => {
    const before = await blockNumber();
    await actAs(page, "provider Kisumu Solar");
    await openScreen(page, "Provider");
    const none = schoolJob().getByTestId("no-generator-device");
    await waitForText(none, "You operate no active Generator device yet.");
    const apply = none.getByRole("link", { name: "Apply for a Generator device on the Devices screen" });
    assert.equal(await apply.getAttribute("href"), "#/devices");
    assert.equal(
      await schoolJob().getByLabel("Installed device", { exact: true }).count(),
      0,
      "nothing to choose, no form",
    );
    const violations = await seriousAccessibilityViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    assert.equal(await blockNumber(), before);
  });

  it("DX8: the device form offers the provider's approved device, refuses no choice, and registers it", async () => {
    // Another operator's device, also approved, is not offered to this provider.
    await approvedGeneratorDevice(6, privateKeyToAccount(generatePrivateKey()).address);
    const key = privateKeyToAccount(generatePrivateKey()).address;
    const deviceId = await approvedGeneratorDevice(3, key);
    await actAs(page, "provider Kisumu Solar");
    // The registry's events do not reach the live feed: the screen is opened afresh to read the approval.
    await openScreen(page, "Dashboard");
    await openScreen(page, "Provider");
    const choice = schoolJob().getByLabel("Installed device", { exact: true });
    await waitForText(choice, `Device #${deviceId}: 3000 W at Manyatta Primary School roof`);
    const offered = await choice
      .locator("option")
      .evaluateAll((options) => options.map((o) => o.getAttribute("value")));
    assert.deepEqual(offered, ["", deviceId], "only the provider's own active Generator device is offered");
    const violations = await seriousAccessibilityViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));

    const before = await blockNumber();
    await expectRefused(schoolJob(), "Register device", [
      { why: "no device chosen", fields: {}, messages: { "Installed device": /Choose the installed device/ } },
    ]);
    assert.equal(await blockNumber(), before);

    await choice.selectOption(deviceId);
    await schoolJob().getByRole("button", { name: "Register device", exact: true }).click();
    await waitForText(schoolJob().getByTestId("device-key-state"), `Device registered: device #${deviceId}, key`);
    const generator = (await api.get(`/api/v1/generators/${schoolGenerator}`)).body;
    assert.equal(generator.deviceKey.toLowerCase(), key.toLowerCase(), "the generator holds the device's key");
    assert.equal(generator.deviceId, deviceId, "and knows the device's registry id");
  });

  it("DX4: the funding form refuses bad amounts and overfunding", async () => {
    const before = await blockNumber();
    await actAs(page, "financier Baraka");
    await openScreen(page, "Financier");
    const request = page.getByRole("article", { name: "Request #3: Kibuye Market, Kisumu" });
    const amount = "Amount to fund request #3 (SOLAR)";
    await expectRefused(request, "Fund", [
      { why: "empty", fields: { [amount]: "" }, messages: { [amount]: /Enter an amount of SOLAR/ } },
      { why: "negative", fields: { [amount]: "-5" }, messages: { [amount]: /cannot be negative/ } },
      { why: "zero", fields: { [amount]: "0.000" }, messages: { [amount]: /more than 0/ } },
      {
        why: "more than is left",
        fields: { [amount]: "11000.000000000000000001" },
        messages: { [amount]: /Too large: at most 11,000 SOLAR is left to fund/ },
      },
      { why: "wrong format", fields: { [amount]: "1.2.3" }, messages: { [amount]: /decimal number/ } },
      {
        why: "too many decimals",
        fields: { [amount]: NINETEEN_DECIMALS },
        messages: { [amount]: /18 decimal places/ },
      },
    ]);
    assert.equal(await blockNumber(), before);
  });

  it("DX6, DX5: the vote and share-transfer forms refuse bad prices, addresses and share counts", async () => {
    const before = await blockNumber();
    await actAs(page, "financier Baraka");
    await openScreen(page, "Financier");
    const holding = page.getByTestId("holding").first();
    await waitForText(holding.getByTestId("shares"), "5,001 shares");
    const vote = holding.getByRole("form", { name: /Vote the price of/ });
    const price = "Your price per unit (SOLAR)";
    await expectRefused(vote, "Vote", [
      { why: "empty", fields: { [price]: "" }, messages: { [price]: /Enter an amount of SOLAR/ } },
      { why: "negative", fields: { [price]: "-0.1" }, messages: { [price]: /cannot be negative/ } },
      {
        why: "beyond uint96",
        fields: { [price]: "79228162515" },
        messages: { [price]: /Too large: at most 79,228,162,514\.264337593543950335 SOLAR/ },
      },
      { why: "wrong format", fields: { [price]: "0,25,x" }, messages: { [price]: /decimal number/ } },
    ]);

    const transfer = holding.getByRole("form", { name: /Transfer shares of/ });
    const to = "Transfer to (address)";
    const shares = "Shares to transfer";
    await expectRefused(transfer, "Transfer shares", [
      {
        why: "empty",
        fields: { [to]: "", [shares]: "" },
        messages: { [to]: /Enter an address/, [shares]: /Enter a number of shares/ },
      },
      {
        why: "malformed address, negative shares",
        fields: { [to]: "Dalia", [shares]: "-1" },
        messages: { [to]: /0x followed by 40 hexadecimal digits/, [shares]: /cannot be negative/ },
      },
      {
        why: "own address, more shares than held",
        fields: { [to]: address(4), [shares]: "5002" },
        messages: { [to]: /your own address/, [shares]: /Too large: at most 5,001 shares/ },
      },
      {
        why: "zero and fractional shares",
        fields: { [to]: address(6), [shares]: "0" },
        messages: { [shares]: /at least 1 shares/ },
      },
      { why: "fraction", fields: { [shares]: "2.5" }, messages: { [shares]: /whole number/ } },
    ]);
    assert.equal(await blockNumber(), before);
  });

  it("development clock: refuses an empty, negative, fractional or too large move", async () => {
    await page.getByText("Development tools").click();
    const clock = page.getByRole("form", { name: "Advance the clock (development only)" });
    const days = "Advance the clock by (days), development only";
    await expectRefused(clock, "Advance the clock", [
      { why: "empty", fields: { [days]: "" }, messages: { [days]: /Enter a number of days/ } },
      { why: "negative", fields: { [days]: "-7" }, messages: { [days]: /cannot be negative/ } },
      { why: "zero", fields: { [days]: "0" }, messages: { [days]: /at least 1 days/ } },
      { why: "fraction", fields: { [days]: "0.5" }, messages: { [days]: /whole number/ } },
      { why: "beyond uint32 seconds", fields: { [days]: "49711" }, messages: { [days]: /at most 49,710 days/ } },
    ]);
  });

  it("DX7: the activation form refuses bad amounts and more than the balance", async () => {
    // The school's device was registered above, so the form appears.
    const before = await blockNumber();
    await actAs(page, "consumer Amina");
    await openScreen(page, "Consumer");
    const card = page.getByRole("article", { name: "Request #2: Manyatta Primary School, Kisumu" });
    const token = "Initial token to activate (SOLAR)";
    await card.getByLabel(token).waitFor();
    await expectRefused(card, "Activate the generator", [
      { why: "empty", fields: { [token]: "" }, messages: { [token]: /Enter an amount of SOLAR/ } },
      { why: "negative", fields: { [token]: "-1" }, messages: { [token]: /cannot be negative/ } },
      { why: "zero", fields: { [token]: "0" }, messages: { [token]: /more than 0/ } },
      {
        why: "above the balance",
        fields: { [token]: "1000000" },
        messages: { [token]: /Too large: at most .* \(your balance\)/ },
      },
      { why: "wrong format", fields: { [token]: "ten" }, messages: { [token]: /decimal number/ } },
    ]);
    assert.equal(await blockNumber(), before);
  });

  it("errors in plain words: a contract's refusal (422) shows its sentence, bad input (400) names the field", async () => {
    // A screen that has not yet heard of a price rise: its live updates are held back.
    const stale = await browser.context.newPage();
    await stale.route("**/api/v1/events", (route) => route.abort());
    await stale.goto(`${node.apiUrl}/#/consumer`);
    await actAs(stale, "buyer Femi");
    const buy = stale.getByRole("region", { name: "Buy energy" });
    const priceBefore = await waitForText(buy.getByLabel("Generator"), "per unit");
    const clinic = (await api.get("/api/v1/requests/1")).body.generator;
    const oldPriceWei = (await api.get(`/api/v1/generators/${clinic}`)).body.priceWeiPerUnit;
    // An owner votes a higher price in the meantime (Dalia, who had not voted).
    const voted = await api.devAct(address(6), "votePrice", { generator: clinic, priceWeiPerUnit: `${10n ** 18n}` });
    assert.equal(voted.status, 200, JSON.stringify(voted.body));
    assert.equal(await buy.getByLabel("Generator").innerText(), priceBefore, "the screen still shows the old price");

    await buy.getByLabel("Units to buy (kWh)").fill("2");
    await buy.getByRole("button", { name: "Buy energy", exact: true }).click();
    const alert = await waitForText(buy.getByRole("alert"), /price/i);
    assert.doesNotMatch(alert, /0x[0-9a-fA-F]{8,}/, "no hex in the message");
    // The same purchase asked of the API directly: the screen shows the sentence the node answered.
    const expected = await api.devAct(address(8), "buyEnergy", {
      generator: clinic,
      units: "2",
      maxPriceWeiPerUnit: oldPriceWei,
    });
    assert.equal(expected.status, 422, JSON.stringify(expected.body));
    assert.equal(alert.trim(), expected.body.error.sentence);
    await stale.close();

    // Bad input that slipped past a screen: the node's 400 is shown with the field and the reason.
    const tampered = await browser.context.newPage();
    await tampered.route("**/api/v1/actions/votePrice", (route) =>
      route.continue({ postData: JSON.stringify({ generator: clinic, priceWeiPerUnit: "1.5" }) }),
    );
    await tampered.goto(`${node.apiUrl}/#/financier`);
    await actAs(tampered, "financier Baraka");
    const holding = tampered.getByTestId("holding").first();
    await holding.getByLabel("Your price per unit (SOLAR)").fill("0.3");
    await holding.getByRole("button", { name: "Vote", exact: true }).click();
    const refused = await waitForText(holding.getByRole("alert"), /priceWeiPerUnit/);
    assert.match(refused, /The node refused priceWeiPerUnit: must match pattern/);
    await tampered.close();
  });

  it("DX4: when financing runs out of time, the financier takes the money back with one button", async () => {
    await actAs(page, "financier Baraka");
    await openScreen(page, "Financier");
    const contribution = page.getByTestId("contribution").filter({ hasText: "Request #3" });
    await waitForText(contribution, "Status: financing");
    assert.equal(await contribution.getByRole("button").count(), 0, "no refund while financing runs");

    const clock = page.getByRole("form", { name: "Advance the clock (development only)" });
    if (!(await clock.isVisible())) await page.getByText("Development tools").click();
    await clock.getByLabel("Advance the clock by (days), development only").fill("31");
    await clock.getByRole("button", { name: "Advance the clock" }).click();
    await waitForText(contribution, "Status: financing failed");
    await contribution.getByRole("button", { name: /Take my money back/ }).click();
    await waitForText(contribution, "took back 9,000 SOLAR");
    assert.equal(await contribution.getByRole("button").count(), 0, "nothing is left to take back");
  });
});

// The Distribute Protocol's screens end to end: a node in this process, the built app in headless Chromium, and a
// project driven through the screens only — two holders buy capital tokens, the registrar gives three people their
// first reputation, a project is proposed and staked to both bars, a task list is put forward and backed, the chain's
// clock crosses the periods, a reputation holder claims and submits a task, token holders validate it for and
// against, the poll that follows is committed and revealed, and the project completes. Each person is picked in the
// development-account switcher.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
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

const REGISTRAR = "operator (deploys, owns the Solar Token)";
const BARAKA = "financier Baraka";
const CHIDI = "financier Chidi";
const AMINA = "consumer Amina";
const SLOW_MS = 30_000;

type Case = { why: string; fields: Record<string, string>; messages: Record<string, RegExp> };

describe("web app: the Distribute Protocol's screens (DS1–DS8)", () => {
  let node: RunningNode;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let api: ReturnType<typeof apiClient>;
  const writes: string[] = [];
  const dev = devAccounts();
  const address = (i: number) => dev[i]?.account.address as string;

  before(async () => {
    await ensureWebBuilt();
    dataDir = mkdtempSync(join(tmpdir(), "drex-web-distribute-"));
    node = await startNode(resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent" }, {}));
    api = apiClient(node.apiUrl);
    browser = await launchBrowser();
    ({ page, errors: pageErrors } = await openPage(browser));
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

  async function openHash(hash: string): Promise<void> {
    await page.goto(`${node.apiUrl}/${hash}`);
    await page.locator("main").first().waitFor();
    await settle(page);
  }

  async function openScreen(name: "Capital" | "Projects"): Promise<void> {
    await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name, exact: true }).click();
    await page.locator("main").first().waitFor();
    await settle(page);
  }

  async function statusOf(scope: Locator): Promise<string> {
    return (await scope.locator(".tx-status").allInnerTexts()).join("\n");
  }

  async function fillAll(scope: Locator, fields: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(fields)) await scope.getByLabel(label, { exact: true }).fill(value);
  }

  async function blockNumber(): Promise<string> {
    return (await api.get("/api/v1/status")).body.blockNumber;
  }

  /** Fills, submits, and checks each field's message; nothing may have been sent. */
  async function expectRefused(form: Locator, button: string, cases: Case[]): Promise<void> {
    writes.length = 0;
    for (const c of cases) {
      for (const [label, value] of Object.entries(c.fields)) await form.getByLabel(label, { exact: true }).fill(value);
      await form.getByRole("button", { name: button, exact: true }).click();
      for (const [label, expected] of Object.entries(c.messages)) {
        const field = form.getByLabel(label, { exact: true });
        const id = await field.getAttribute("id");
        await waitForText(page.locator(`[id="${id}-error"]`), expected);
        assert.equal(await field.getAttribute("aria-invalid"), "true", `${c.why}: ${label} is marked invalid`);
      }
      assert.deepEqual(writes, [], `${c.why}: nothing is sent`);
    }
  }

  async function advanceClock(amount: string, unit: "hours" | "days"): Promise<void> {
    const tools = page.locator("details.dev-tools");
    if ((await tools.getAttribute("open")) === null) await page.getByText("Development tools").click();
    const clock = page.getByRole("form", { name: "Advance the clock (development only)" });
    await clock.getByLabel("Unit").selectOption(unit);
    await clock.getByLabel(`Advance the clock by (${unit}), development only`).fill(amount);
    await clock.getByRole("button", { name: "Advance the clock" }).click();
    await waitForText(clock.getByRole("status"), `The chain clock moved forward ${amount} ${unit}.`);
  }

  /** axe-core on the page as it is now, forms of the current stage included. */
  async function assertAccessible(what: string): Promise<void> {
    const violations = await seriousAccessibilityViolations(page);
    assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
  }

  const projectState = () => page.locator('main[data-testid="project-screen"]').getByTestId("project-state");
  const task = (n: number) => page.getByRole("article", { name: new RegExp(`^Task ${n}: `) });

  /** Makes a due transition from the screen (the keeper may get there first: then the state alone is awaited). */
  async function advanceUntil(done: () => Promise<boolean>, button: Locator): Promise<void> {
    await eventually(
      async () => {
        if (await done()) return true;
        if ((await button.count()) > 0 && (await button.first().isEnabled())) await button.first().click();
        await page.waitForTimeout(300);
        return (await done()) ? true : undefined;
      },
      async () => `the transition did not happen:\n${await page.locator("main").innerText()}`,
      SLOW_MS,
    );
  }

  it("DS1, DS3: the Distribute screens load only when opened, so the first load stays small", async () => {
    const fresh = await browser.context.newPage();
    const scripts: string[] = [];
    fresh.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await fresh.goto(`${node.apiUrl}/#/`);
    await fresh.locator('main[data-testid="dashboard"][aria-busy="false"]').waitFor();
    const distributeCode = /CapitalScreen|ProjectsScreen|ProjectScreen|distribute/i;
    assert.deepEqual(
      scripts.filter((s) => distributeCode.test(s)),
      [],
      "the dashboard loads none of the Distribute code",
    );
    await fresh
      .getByRole("navigation", { name: "Screens" })
      .getByRole("link", { name: "Capital", exact: true })
      .click();
    await fresh.locator('main[data-testid="capital-screen"]').waitFor();
    assert.ok(
      scripts.some((s) => /CapitalScreen/.test(s)),
      `the Capital screen's chunk loads when opened: ${scripts.join(", ")}`,
    );
    await fresh.close();
  });

  it("DS1: two holders buy capital tokens with a live quote, the SOLAR approval first; the pool follows", async () => {
    await actAs(page, BARAKA);
    await openScreen("Capital");
    const buy = page.getByRole("region", { name: "Buy capital tokens" });
    await buy.getByLabel("Capital tokens to buy").fill("600");
    await buy.getByLabel("Slippage tolerance (%)").fill("1");
    // None exist yet: 600 × 0.01 × (0 + 1,200) / (0 + 600) = 12 SOLAR; 1% more at most.
    await waitForText(buy.getByTestId("buy-quote"), /Costs 12 SOLAR now .*at most 12\.12 SOLAR/);
    await clickAndWait(buy, "Buy", async () => (await statusOf(buy)).includes("Bought 600 capital tokens"));
    await waitForText(page.getByTestId("pool-balance"), "12 SOLAR");

    await actAs(page, CHIDI);
    const buyAgain = page.getByRole("region", { name: "Buy capital tokens" });
    // By keyboard alone: focus the field, type, and submit with Enter.
    await buyAgain.getByLabel("Capital tokens to buy").focus();
    await page.keyboard.type("400");
    // The README's worked example: 400 × 0.02 × (600 + 800) / (600 + 400) = 11.2 SOLAR.
    await waitForText(buyAgain.getByTestId("buy-quote"), /Costs 11\.2 SOLAR now/);
    await page.keyboard.press("Enter");
    await waitForText(buyAgain.getByRole("status"), "Bought 400 capital tokens");
    await waitForText(page.getByTestId("pool-balance"), "23.2 SOLAR");
    await waitForText(page.getByTestId("capital-supply"), "1,000 capital tokens");

    const sell = page.getByRole("region", { name: "Sell capital tokens" });
    await sell.getByLabel("Capital tokens to sell").fill("10");
    // 10 × 23.2 / 1,000: a proportional share of the pool.
    await waitForText(sell.getByTestId("sell-quote"), /Pays 0\.232 SOLAR now/);
  });

  it("DS2: the registrar gives three people their first reputation; each sees it", async () => {
    await actAs(page, REGISTRAR);
    await openScreen("Capital");
    const panel = page.getByRole("region", { name: "Reputation" });
    for (const [i, identity] of [
      [4, "baraka@example.org"],
      [5, "chidi@example.org"],
      [1, "amina@example.org"],
    ] as const) {
      await fillAll(panel, { "Account to register (address)": address(i), "Persistent identity": identity });
      await clickAndWait(panel, "Register", async () => (await statusOf(panel)).includes(`Registered: ${address(i)}`));
    }
    await actAs(page, AMINA);
    await waitForText(page.getByTestId("my-reputation"), "You are registered and hold 100 reputation.");
  });

  it("DS1, DS3: the capital and proposal forms refuse bad input and send nothing", async () => {
    const before = await blockNumber();
    await actAs(page, BARAKA);
    await openScreen("Capital");
    const buy = page.getByRole("region", { name: "Buy capital tokens" });
    const tokens = "Capital tokens to buy";
    await expectRefused(buy, "Buy", [
      { why: "empty", fields: { [tokens]: "" }, messages: { [tokens]: /Enter an amount of capital tokens/ } },
      { why: "negative", fields: { [tokens]: "-5" }, messages: { [tokens]: /cannot be negative/ } },
      { why: "wrong format", fields: { [tokens]: "ten" }, messages: { [tokens]: /decimal number/ } },
      { why: "too large", fields: { [tokens]: "1000000000" }, messages: { [tokens]: /more than your/ } },
      {
        why: "tolerance",
        fields: { [tokens]: "1", "Slippage tolerance (%)": "70" },
        messages: { "Slippage tolerance (%)": /at most 50%/ },
      },
    ]);
    const sell = page.getByRole("region", { name: "Sell capital tokens" });
    await expectRefused(sell, "Sell", [
      {
        why: "more than held",
        fields: { "Capital tokens to sell": "601" },
        messages: { "Capital tokens to sell": /\(what you hold\)/ },
      },
    ]);
    await openScreen("Projects");
    const propose = page.getByRole("region", { name: "Propose a project" });
    await expectRefused(propose, "Propose", [
      {
        why: "empty",
        fields: { "Cost (SOLAR)": "", "Staking period (hours)": "" },
        messages: { "Cost (SOLAR)": /Enter an amount of SOLAR/, "Staking period (hours)": /Enter a number of hours/ },
      },
      {
        why: "negative and fractional",
        fields: { "Cost (SOLAR)": "-1", "Staking period (hours)": "1.5" },
        messages: { "Cost (SOLAR)": /cannot be negative/, "Staking period (hours)": /whole number/ },
      },
      {
        why: "more than the pool",
        fields: { "Cost (SOLAR)": "23", "Staking period (hours)": "0" },
        messages: { "Cost (SOLAR)": /Too large: at most 22\.745098/, "Staking period (hours)": /at least 1 hours/ },
      },
    ]);
    assert.equal(await blockNumber(), before, "the chain did not move");
  });

  it("DS3: a holder proposes a project with token collateral, and two stakers meet both bars", async () => {
    await actAs(page, BARAKA);
    await openScreen("Projects");
    const propose = page.getByRole("region", { name: "Propose a project" });
    await fillAll(propose, { "Cost (SOLAR)": "10", "Staking period (hours)": "24" });
    await propose.getByLabel("Collateral (5%)").selectOption("tokens");
    await waitForText(propose.getByTestId("collateral-estimate"), /about 21\.551724137931034483 capital tokens/);
    await clickAndWait(propose, "Propose", async () => (await statusOf(propose)).includes("Proposed a project"));
    const row = page.getByTestId("project-row").filter({ hasText: "Project #1" });
    await waitForText(row.getByTestId("project-state"), "proposed");
    // 10 of a 23.2 SOLAR pool is 43.10%: the bars are 43.10% of 1,000 tokens and of 300 reputation, rounded up.
    await waitForText(row, /43\.10% of the pool/);
    await waitForText(row.getByTestId("token-bar"), "0 capital tokens of 431.034482758620689656 capital tokens");
    await waitForText(row, /Staking deadline: 23 h 5\d min left|Staking deadline: 1 d left|Staking deadline: 2[34] h/);

    await row.getByRole("link", { name: "Project #1" }).click();
    await page.locator('main[data-testid="project-screen"][aria-busy="false"]').waitFor();
    const stakes = page.getByRole("region", { name: "Stakes" });
    const stake = async (kind: "capital tokens" | "reputation", amount: string, last = false) => {
      const form = stakes.getByRole("form", { name: "Stake" });
      await form.getByLabel("Stake with").selectOption({ label: kind });
      await form.getByLabel("Amount to stake").fill(amount);
      // The stake that meets the second bar stakes the project, and staking closes.
      await clickAndWait(form, "Stake", async () =>
        last ? (await projectState().innerText()).startsWith("staked") : (await statusOf(form)).includes("Staked"),
      );
    };
    await assertAccessible("a proposed project with the stake form");
    await stake("capital tokens", "300");
    await stake("reputation", "100");
    await waitForText(page.getByTestId("reputation-bar"), "100 reputation of 129.310344827586206897 reputation");

    await actAs(page, CHIDI);
    await stake("capital tokens", "200");
    await stake("reputation", "100", true);
    await waitForText(page.getByTestId("token-bar"), "(100.00%)");
    await waitForText(page.getByRole("region", { name: "History" }), "project staked");
  });

  it("DS4: a staker's task list is refused until its weightings sum to 100%, then put forward and backed", async () => {
    await actAs(page, BARAKA);
    await openHash("#/projects/1");
    const form = page.getByRole("region", { name: "Put forward a task list" });
    await form.waitFor();
    await assertAccessible("a staked project with the task-list form");
    const before = await blockNumber();
    await expectRefused(form, "Put forward the task list", [
      {
        why: "empty rows",
        fields: { "Task 1 description": "", "Task 1 weighting (%)": "", "Task 2 weighting (%)": "-5" },
        messages: {
          "Task 1 description": /Enter what the task is/,
          "Task 1 weighting (%)": /Enter the weighting in percent/,
          "Task 2 weighting (%)": /cannot be negative/,
        },
      },
      {
        why: "bad allowance",
        fields: {
          "Task 1 description": "Install the panels",
          "Task 1 weighting (%)": "60",
          "Task 1 allowance (hours)": "0",
          "Task 2 description": "Write the report",
          "Task 2 weighting (%)": "30",
          "Task 2 allowance (hours)": "two",
        },
        messages: { "Task 1 allowance (hours)": /at least 1 hours/, "Task 2 allowance (hours)": /whole number/ },
      },
    ]);
    await fillAll(form, { "Task 1 allowance (hours)": "24", "Task 2 allowance (hours)": "24" });
    await form.getByRole("button", { name: "Put forward the task list" }).click();
    await waitForText(form.getByTestId("weighting-sum"), "The weightings sum to 90.00%; they must sum to 100%.");
    assert.deepEqual(writes, [], "weightings not summing to 100%: nothing is sent");
    assert.equal(await blockNumber(), before, "the chain did not move");

    await form.getByLabel("Task 2 weighting (%)", { exact: true }).fill("40");
    await waitForText(form.getByTestId("weighting-sum"), "Weightings sum to 100.00% of 100%.");
    await clickAndWait(form, "Put forward the task list", async () =>
      (await statusOf(form)).includes("Task list put forward"),
    );
    const lists = page.getByRole("region", { name: "Task lists" });
    const list = lists.getByRole("article", { name: /^Task list 1/ });
    await waitForText(list, /Install the panels — 60\.00%, 24 h/);
    await clickAndWait(list, /^Back task list 1/, async () => (await list.innerText()).includes("you back this list"));
    await actAs(page, CHIDI);
    const listAgain = page.getByRole("region", { name: "Task lists" }).getByRole("article", { name: /^Task list 1/ });
    await clickAndWait(listAgain, /^Back task list 1/, async () =>
      (await listAgain.innerText()).includes("you back this list"),
    );
    await waitForText(listAgain.getByTestId("list-backing"), /^100\.00%/);
  });

  it("DS4, DS5: past the task-list period (hours on the dev clock) the project is active; a holder claims a task", async () => {
    await actAs(page, AMINA);
    await openHash("#/projects/1");
    await advanceClock("25", "hours");
    await advanceUntil(
      async () => (await projectState().innerText()).startsWith("active"),
      page.getByRole("button", { name: "Advance the project" }),
    );
    const first = task(1);
    await waitForText(first.getByTestId("task-status"), "open");
    // 60% of the 129.31… reputation staked, rounded up.
    await waitForText(first.getByTestId("requisite"), "77.586206896551724139 reputation");
    await clickAndWait(first, "Claim task 1", async () =>
      (await first.getByTestId("task-status").innerText()).startsWith("claimed"),
    );
    const evidence = first.getByRole("form", { name: "Submit evidence for task 1" });
    await expectRefused(evidence, "Submit evidence", [
      { why: "no evidence", fields: { "Evidence of the work": " " }, messages: { "Evidence of the work": /Enter/ } },
    ]);
    await evidence.getByLabel("Evidence of the work").fill("https://example.org/panels-installed.jpg");
    await clickAndWait(evidence, "Submit evidence", async () =>
      (await first.getByTestId("task-status").innerText()).startsWith("validating"),
    );
  });

  it("DS6: token holders validate for and against; the claimer's own validation is refused with the reason", async () => {
    await actAs(page, AMINA);
    await openHash("#/projects/1");
    const own = task(1).getByRole("form", { name: "Validate task 1" });
    await waitForText(own.getByTestId("validate-why"), "the claimer cannot validate their own work");
    assert.equal(await own.getByRole("button", { name: "Validate" }).isDisabled(), true);

    for (const [who, side, tokens] of [
      [BARAKA, "for", "10"],
      [CHIDI, "against", "5"],
    ] as const) {
      await actAs(page, who);
      const form = task(1).getByRole("form", { name: "Validate task 1" });
      await form.getByLabel("Validate").selectOption(side);
      await form.getByLabel("Stake (capital tokens)").fill(tokens);
      await clickAndWait(form, "Validate", async () => (await statusOf(form)).includes(`You staked ${side}`));
    }
    await waitForText(task(1).getByTestId("slots-left"), "Slots left: 4 for, 4 against");
  });

  it("DS7: the poll that both sides force is committed with a browser-made salt and revealed with it", async () => {
    await actAs(page, BARAKA);
    await openHash("#/projects/1");
    await advanceClock("7", "hours");
    await advanceUntil(
      async () => (await task(1).getByTestId("task-status").innerText()).startsWith("voting"),
      task(1).getByRole("button", { name: "Advance task 1" }),
    );
    const poll = task(1).getByTestId("poll");
    await waitForText(poll.getByTestId("poll-phase"), "Commit period");
    const commit = poll.getByRole("form", { name: /^Commit a vote in poll #/ });
    await commit.waitFor();
    await assertAccessible("a task in a vote with the commit form");
    await expectRefused(commit, "Commit vote", [
      {
        why: "no weight",
        fields: { "Vote with capital tokens": "0", "Vote with reputation": "0" },
        messages: { "Vote with capital tokens": /Vote with some tokens or reputation/ },
      },
      {
        why: "more than held",
        fields: { "Vote with capital tokens": "100000" },
        messages: { "Vote with capital tokens": /deposited and held/ },
      },
    ]);
    await commit.getByLabel("Your vote").selectOption("approve");
    await fillAll(commit, { "Vote with capital tokens": "50", "Vote with reputation": "0" });
    await clickAndWait(commit, "Commit vote", async () => (await statusOf(commit)).includes("Vote committed"), SLOW_MS);
    const salt = await waitForText(commit.getByTestId("vote-salt"), /0x[0-9a-f]{64}.*keep a copy/s);
    const stored = (await page.evaluate(
      "Object.keys(localStorage).filter((k) => k.startsWith('drex.voteSalt:'))",
    )) as string[];
    assert.equal(stored.length, 1, "the salt is kept in this browser, per account and poll");
    assert.match(stored[0] ?? "", new RegExp(`^drex\\.voteSalt:${address(4).toLowerCase()}:`));
    await waitForText(poll.getByTestId("my-vote"), "Your vote: committed");

    await advanceClock("7", "hours");
    await openHash("#/projects/1");
    const reveal = task(1).getByTestId("poll");
    await waitForText(reveal.getByTestId("poll-phase"), "Reveal period", SLOW_MS);
    assert.ok(salt.includes((await reveal.locator("code.salt").innerText()).trim()), "the reveal reads the same salt");
    // Once revealed, the reveal control gives way to the vote as the poll counted it.
    await clickAndWait(reveal, "Reveal vote", async () =>
      (await reveal.getByTestId("my-vote").innerText()).includes("Your vote: revealed (approve)"),
    );
    await waitForText(reveal.getByTestId("poll-tally"), /Revealed for: 50 capital tokens .* 1 revealed/);
  });

  it("DS5, DS8: the poll ends, the task is validated, and past the claim period the project completes", async () => {
    await actAs(page, BARAKA);
    await openHash("#/projects/1");
    await advanceClock("7", "hours");
    await advanceUntil(
      async () => (await task(1).getByTestId("task-status").innerText()).startsWith("validated"),
      task(1).getByRole("button", { name: "Advance task 1" }),
    );
    await advanceClock("7", "days");
    await advanceUntil(
      async () => (await projectState().innerText()).startsWith("complete"),
      page.getByRole("button", { name: /^Advance (the project|task 2)$/ }),
    );
    const stakes = page.getByRole("region", { name: "Stakes" });
    await clickAndWait(stakes, "Withdraw stake", async () => (await stakes.innerText()).includes("withdrawn"));
    const kinds = await page
      .getByTestId("project-event")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-kind")));
    for (const kind of ["projectProposed", "projectStaked", "projectActivated", "taskClaimed", "projectCompleted"]) {
      assert.ok(kinds.includes(kind), `the history shows ${kind}`);
    }
  });

  it("DS1, DS3: the Distribute screens fit a 360 px phone; screenshots at 360 px and desktop", async () => {
    await actAs(page, BARAKA);
    for (const [file, hash] of [
      ["capital", "#/capital"],
      ["projects", "#/projects"],
      ["project", "#/projects/1"],
    ] as const) {
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

  it("accessibility (DS1–DS8): no serious or critical axe-core violation on the Distribute screens", async () => {
    await actAs(page, CHIDI);
    for (const hash of ["#/capital", "#/projects", "#/projects/1"]) {
      await openHash(hash);
      const violations = await seriousAccessibilityViolations(page);
      assert.equal(violations.length, 0, `${hash}:\n${describeViolations(violations)}`);
    }
    assert.deepEqual(pageErrors, [], "the pages threw no uncaught errors");
  });
});

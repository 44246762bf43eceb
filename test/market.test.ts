// SDK on the in-process chain: requests, bids, acceptance, cancellation and the reads behind those screens.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { acceptBid } from "../sdk/actions/consumer/acceptBid.ts";
import { cancelRequest } from "../sdk/actions/consumer/cancelRequest.ts";
import { createRequest } from "../sdk/actions/consumer/createRequest.ts";
import { getOpenRequests } from "../sdk/actions/market/getOpenRequests.ts";
import { getRequest } from "../sdk/actions/market/getRequest.ts";
import { placeBid } from "../sdk/actions/provider/placeBid.ts";
import { withdrawBid } from "../sdk/actions/provider/withdrawBid.ts";
import { ContractRevertError } from "../sdk/errors.ts";
import { parseSolar } from "../sdk/format.ts";
import { DAY, drexFixture, rejection } from "./support/fixture.ts";

describe("SDK marketplace actions", () => {
  it("DX1: createRequest records location, wattage, reason and creator, electricity/kWh by default", async () => {
    const f = await drexFixture();
    const created = await createRequest(f.consumer, {
      marketplace: f.marketplace,
      location: "Nyalenda B, Kisumu",
      wattageW: 5_000n,
      reason: "clinic fridge",
    });
    assert.equal(created.requestId, 1n);
    assert.equal(created.utilityKind, "electricity");
    assert.equal(created.unit, "kWh");
    assert.ok(created.gasUsed > 0n);
    assert.match(created.hash, /^0x[0-9a-f]{64}$/);
    const request = await getRequest(f.publicClient, { marketplace: f.marketplace, requestId: created.requestId });
    assert.equal(request.creator.toLowerCase(), f.consumer.account.address.toLowerCase());
    assert.equal(request.location, "Nyalenda B, Kisumu");
    assert.equal(request.wattageW, 5_000n);
    assert.equal(request.reason, "clinic fridge");
    assert.equal(request.status, "Bidding");
    assert.equal(request.biddingEndsAt, created.biddingEndsAt);
    assert.equal(request.biddingEndsAt - request.createdAt, 7n * DAY);
    assert.equal(request.acceptanceEndsAt - request.biddingEndsAt, 7n * DAY);
    assert.equal(request.generator, null);
    assert.equal(request.acceptedBid, null);
  });

  it("DX13: the same request works for any utility and unit", async () => {
    const f = await drexFixture();
    const created = await createRequest(f.consumer, {
      marketplace: f.marketplace,
      location: "Kano",
      wattageW: 800n,
      utilityKind: "water",
      unit: "m3",
    });
    const request = await getRequest(f.publicClient, { marketplace: f.marketplace, requestId: created.requestId });
    assert.equal(request.utilityKind, "water");
    assert.equal(request.unit, "m3");
  });

  it("DX1: an empty location is refused with EmptyField and a sentence", async () => {
    const f = await drexFixture();
    const error = await rejection(() =>
      createRequest(f.consumer, { marketplace: f.marketplace, location: "", wattageW: 5_000n }),
    );
    assert.ok(error instanceof ContractRevertError);
    assert.equal(error.errorName, "EmptyField");
    assert.deepEqual(error.args, ["location"]);
    assert.equal(error.sentence, "The location must not be empty.");
  });

  it("DX2: providers bid with unit type, cost, time and insurance; getRequest lists the bids", async () => {
    const f = await drexFixture();
    const { requestId } = await createRequest(f.consumer, {
      marketplace: f.marketplace,
      location: "Kisumu",
      wattageW: 5_000n,
    });
    const first = await placeBid(f.provider, {
      marketplace: f.marketplace,
      requestId,
      unitType: "5 kW PV",
      installationCostWei: parseSolar("12500"),
      installationSeconds: 21 * 86_400,
      insurance: "Jubilee, 2 years",
    });
    const second = await placeBid(f.provider2, {
      marketplace: f.marketplace,
      requestId,
      unitType: "6 kW PV",
      installationCostWei: parseSolar("13900"),
      installationSeconds: 14 * 86_400,
    });
    assert.deepEqual([first.bidId, second.bidId], [1n, 2n]);
    const request = await getRequest(f.publicClient, { marketplace: f.marketplace, requestId });
    assert.equal(request.bids.length, 2);
    const [bid] = request.bids;
    assert.equal(bid?.provider.toLowerCase(), f.provider.account.address.toLowerCase());
    assert.equal(bid?.unitType, "5 kW PV");
    assert.equal(bid?.installationCostWei, parseSolar("12500"));
    assert.equal(bid?.installationSeconds, 21 * 86_400);
    assert.equal(bid?.insurance, "Jubilee, 2 years");
    assert.equal(bid?.withdrawn, false);
  });

  it("DX2: a provider withdraws its bid; nobody else can", async () => {
    const f = await drexFixture();
    const { requestId } = await createRequest(f.consumer, {
      marketplace: f.marketplace,
      location: "Kisumu",
      wattageW: 5_000n,
    });
    const { bidId } = await placeBid(f.provider, {
      marketplace: f.marketplace,
      requestId,
      unitType: "5 kW PV",
      installationCostWei: parseSolar("100"),
      installationSeconds: 86_400,
    });
    const error = await rejection(() => withdrawBid(f.provider2, { marketplace: f.marketplace, bidId }));
    assert.ok(error instanceof ContractRevertError);
    assert.equal(error.errorName, "NotBidProvider");
    assert.match(
      error.sentence,
      /^Only the provider who placed bid #1 \(0x.{4}….{4}\) can do that, not 0x.{4}….{4}\.$/,
    );

    await withdrawBid(f.provider, { marketplace: f.marketplace, bidId });
    const request = await getRequest(f.publicClient, { marketplace: f.marketplace, requestId });
    assert.equal(request.bids[0]?.withdrawn, true);
    assert.equal(request.activeBids.length, 0);
  });

  it("DX2: bidding closes after one week", async () => {
    const f = await drexFixture();
    const { requestId } = await createRequest(f.consumer, {
      marketplace: f.marketplace,
      location: "Kisumu",
      wattageW: 5_000n,
    });
    await f.advance(7n * DAY + 1n);
    const error = await rejection(() =>
      placeBid(f.provider, {
        marketplace: f.marketplace,
        requestId,
        unitType: "5 kW PV",
        installationCostWei: parseSolar("100"),
        installationSeconds: 86_400,
      }),
    );
    assert.ok(error instanceof ContractRevertError);
    assert.equal(error.errorName, "WrongRequestStatus");
    assert.deepEqual(error.args, [requestId, 2, 1]);
    assert.equal(
      error.sentence,
      "Request #1 is waiting for its creator to accept a bid, but this needs it to be open for bids.",
    );
  });

  it("DX3: only the creator accepts, only after bidding closed, and financing opens for 30 days", async () => {
    const f = await drexFixture();
    const { requestId } = await createRequest(f.consumer, {
      marketplace: f.marketplace,
      location: "Kisumu",
      wattageW: 5_000n,
    });
    const { bidId } = await placeBid(f.provider, {
      marketplace: f.marketplace,
      requestId,
      unitType: "5 kW PV",
      installationCostWei: parseSolar("12500"),
      installationSeconds: 86_400,
    });
    const early = await rejection(() => acceptBid(f.consumer, { marketplace: f.marketplace, requestId, bidId }));
    assert.ok(early instanceof ContractRevertError);
    assert.equal(early.errorName, "WrongRequestStatus");

    await f.advance(7n * DAY + 1n);
    const wrongCaller = await rejection(() => acceptBid(f.stranger, { marketplace: f.marketplace, requestId, bidId }));
    assert.ok(wrongCaller instanceof ContractRevertError);
    assert.equal(wrongCaller.errorName, "NotRequestCreator");
    assert.equal(String(wrongCaller.namedArgs.caller).toLowerCase(), f.stranger.account.address.toLowerCase());

    const accepted = await acceptBid(f.consumer, { marketplace: f.marketplace, requestId, bidId });
    assert.equal(accepted.targetWei, parseSolar("12500"));
    assert.equal(accepted.provider.toLowerCase(), f.provider.account.address.toLowerCase());
    const request = await getRequest(f.publicClient, { marketplace: f.marketplace, requestId });
    assert.equal(request.status, "Financing");
    assert.equal(request.acceptedBid?.bidId, bidId);
    assert.equal(request.acceptedBid?.accepted, true);
    assert.equal(request.remainingWei, parseSolar("12500"));
    const block = await f.publicClient.getBlock();
    assert.equal(request.financingDeadline, block.timestamp + 30n * DAY);
  });

  it("DX3: the creator cancels before accepting; cancelling again is refused", async () => {
    const f = await drexFixture();
    const { requestId } = await createRequest(f.consumer, {
      marketplace: f.marketplace,
      location: "Kisumu",
      wattageW: 5_000n,
    });
    await cancelRequest(f.consumer, { marketplace: f.marketplace, requestId });
    assert.equal((await getRequest(f.publicClient, { marketplace: f.marketplace, requestId })).status, "Cancelled");
    const again = await rejection(() => cancelRequest(f.consumer, { marketplace: f.marketplace, requestId }));
    assert.ok(again instanceof ContractRevertError);
    assert.equal(again.errorName, "WrongRequestStatus");
    assert.match(again.sentence, /^Request #1 is cancelled/);
  });

  it("DX1–DX4: getOpenRequests lists requests still open for bids, acceptance or financing, with their bids", async () => {
    const f = await drexFixture();
    const mk = (location: string) =>
      createRequest(f.consumer, { marketplace: f.marketplace, location, wattageW: 1_000n });
    const cancelled = await mk("cancelled");
    await cancelRequest(f.consumer, { marketplace: f.marketplace, requestId: cancelled.requestId });
    const financing = await f.acceptedRequest(); // created after, accepted after a week
    const bidding = await mk("bidding");
    await placeBid(f.provider2, {
      marketplace: f.marketplace,
      requestId: bidding.requestId,
      unitType: "PV",
      installationCostWei: 1n,
      installationSeconds: 60,
    });

    const open = await getOpenRequests(f.publicClient, { marketplace: f.marketplace });
    assert.deepEqual(
      open.map((r) => [r.requestId, r.status]),
      [
        [financing.requestId, "Financing"],
        [bidding.requestId, "Bidding"],
      ],
    );
    assert.equal(open[1]?.bids.length, 1);
    const onlyBidding = await getOpenRequests(f.publicClient, { marketplace: f.marketplace, statuses: ["Bidding"] });
    assert.deepEqual(
      onlyBidding.map((r) => r.requestId),
      [bidding.requestId],
    );
  });

  it("DX3: a request nobody accepts lapses after the acceptance period", async () => {
    const f = await drexFixture();
    const { requestId } = await createRequest(f.consumer, {
      marketplace: f.marketplace,
      location: "Kisumu",
      wattageW: 5_000n,
    });
    await f.advance(14n * DAY + 1n);
    assert.equal((await getRequest(f.publicClient, { marketplace: f.marketplace, requestId })).status, "Lapsed");
  });
});

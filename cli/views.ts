// Readable renderings of the SDK's views: a request with its bids, a generator with its owners, a portfolio.
import type { GetPortfolioReturnType } from "../sdk/actions/financier/getPortfolio.ts";
import type { GeneratorView } from "../sdk/actions/generator/getGenerator.ts";
import type { RequestView } from "../sdk/actions/market/getRequest.ts";
import { formatDuration, formatMilliUnits, formatPrice, formatShares, formatSolar } from "../sdk/format.ts";
import { describeStatus } from "../sdk/status.ts";
import { formatTime, table } from "./output.ts";

export function requestLines(request: RequestView): string[] {
  const rows: [string, string][] = [
    ["creator", request.creator],
    ["location", request.location],
    ["needs", `${request.wattageW.toLocaleString("en-US")} W of ${request.utilityKind}, sold in ${request.unit}`],
  ];
  if (request.reason !== "") rows.push(["reason", request.reason]);
  rows.push(["created", formatTime(request.createdAt)]);
  rows.push(["bidding ends", formatTime(request.biddingEndsAt)]);
  if (request.acceptedBid === null) rows.push(["accept by", formatTime(request.acceptanceEndsAt)]);
  if (request.targetWei > 0n) {
    rows.push(["target", formatSolar(request.targetWei)]);
    const financiers = `${request.financierCount} financier${request.financierCount === 1 ? "" : "s"}`;
    rows.push(["raised", `${formatSolar(request.raisedWei)} from ${financiers}`]);
  }
  if (request.remainingWei > 0n) rows.push(["still needed", formatSolar(request.remainingWei)]);
  if (request.financingDeadline !== null) rows.push(["financing until", formatTime(request.financingDeadline)]);
  if (request.activationDeadline !== null) rows.push(["activate by", formatTime(request.activationDeadline)]);
  if (request.generator !== null) rows.push(["generator", request.generator]);
  const bids =
    request.bids.length === 0
      ? ["  no bids yet"]
      : request.bids.map((bid) => {
          const marks = [bid.accepted ? "accepted" : "", bid.withdrawn ? "withdrawn" : ""].filter(Boolean);
          return [
            `  #${bid.bidId}  ${formatSolar(bid.installationCostWei)}, installed in ${formatDuration(
              BigInt(bid.installationSeconds),
            )}: ${bid.unitType}`,
            bid.insurance === "" ? "" : `, insurance: ${bid.insurance}`,
            `, by ${bid.provider}`,
            marks.length > 0 ? ` [${marks.join(", ")}]` : "",
          ].join("");
        });
  return [`Request #${request.requestId}: ${describeStatus(request.status)}`, ...table(rows), "Bids:", ...bids];
}

export function requestSummaryLine(request: RequestView): string {
  const money =
    request.status === "Financing"
      ? `, ${formatSolar(request.raisedWei)} of ${formatSolar(request.targetWei)} raised`
      : `, ${request.activeBids.length} bid${request.activeBids.length === 1 ? "" : "s"}`;
  return `#${request.requestId}  ${describeStatus(request.status)}: ${request.wattageW.toLocaleString("en-US")} W of ${
    request.utilityKind
  } at ${request.location}${money}`;
}

export function generatorLines(generator: GeneratorView): string[] {
  const price =
    generator.votingShares === 0n
      ? "free (nobody has voted)"
      : `${formatPrice(generator.priceWeiPerUnit, generator.unit)}, voted by ${formatShares(generator.votingShares)}`;
  const rows: [string, string][] = [
    ["request", `#${generator.requestId} at ${generator.location} (${generator.utilityKind}, ${generator.unit})`],
    ["requester", generator.requester],
    ["provider", generator.provider],
    [
      "device",
      generator.deviceId === null ? "not registered" : `#${generator.deviceId}, key ${generator.deviceKey ?? "none"}`,
    ],
    [
      "activated",
      generator.activatedAt === null
        ? `no; activate by ${formatTime(generator.activationDeadline)}`
        : formatTime(generator.activatedAt),
    ],
    ["escrow", formatSolar(generator.escrowWei)],
    ["price", price],
    ["revenue", `${formatSolar(generator.cumulativeRevenueWei)} in all`],
    ["sold", `${generator.unitsSold.toLocaleString("en-US")} ${generator.unit}`],
    ["delivered", formatMilliUnits(generator.deliveredMilliUnits, generator.unit)],
    ["holds", formatSolar(generator.balanceWei)],
  ];
  const owners = generator.owners.map((owner) => {
    const vote =
      owner.votePriceWeiPerUnit === null
        ? "no vote"
        : `votes ${formatPrice(owner.votePriceWeiPerUnit, generator.unit)}`;
    return `  ${owner.address}  ${formatShares(owner.shares)}, claimable ${formatSolar(owner.claimableWei)}, ${vote}`;
  });
  return [
    `Generator ${generator.address} (${generator.symbol}): ${describeStatus(generator.phase)}`,
    ...table(rows),
    "Owners:",
    ...(owners.length > 0 ? owners : ["  none"]),
  ];
}

export function portfolioLines(portfolio: GetPortfolioReturnType): string[] {
  const lines = [
    `Portfolio of ${portfolio.account}`,
    ...table([
      ["claimable", formatSolar(portfolio.totalClaimableWei)],
      ["refundable", formatSolar(portfolio.totalRefundableWei)],
    ]),
  ];
  lines.push("Generators:");
  if (portfolio.holdings.length === 0) lines.push("  none");
  for (const h of portfolio.holdings) {
    const vote = h.votePriceWeiPerUnit === null ? "no vote" : `your vote ${formatPrice(h.votePriceWeiPerUnit, h.unit)}`;
    lines.push(
      `  ${h.generator}  request #${h.requestId} at ${h.location}, ${describeStatus(h.phase)}: ${formatShares(
        h.shares,
      )}, claimable ${formatSolar(h.claimableWei)}, price ${formatPrice(h.priceWeiPerUnit, h.unit)}, ${vote}` +
        (h.refundableWei > 0n ? `, refundable ${formatSolar(h.refundableWei)}` : ""),
    );
  }
  if (portfolio.contributions.length > 0) {
    lines.push("Contributions to requests without a generator:");
    for (const c of portfolio.contributions) {
      lines.push(
        `  request #${c.requestId} at ${c.location}, ${describeStatus(c.status)}: ${formatSolar(c.contributedWei)}${
          c.refundable ? ` (refundable: drex refund --request ${c.requestId})` : ""
        }`,
      );
    }
  }
  return lines;
}

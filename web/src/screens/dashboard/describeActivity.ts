// One line of the activity feed in words. Amounts in the events are decimal strings of base units; they are
// formatted as SOLAR (or units of energy) with bigint arithmetic.
import { formatMilliUnits, formatSolar } from "../../../../sdk/format.ts";
import type { ActivityItem } from "../../api/types.ts";

type Name = (address: string) => string;

function text(v: unknown): string {
  return typeof v === "string" || typeof v === "number" || typeof v === "bigint" ? String(v) : "";
}

function solar(v: unknown): string {
  const s = text(v);
  return /^[0-9]+$/.test(s) ? formatSolar(BigInt(s)) : s;
}

function milli(v: unknown, unit: string): string {
  const s = text(v);
  return /^[0-9]+$/.test(s) ? formatMilliUnits(BigInt(s), unit) : s;
}

/**
 * DX8: usage arrives as the device's signed reading of what the consumer has been delivered in all; the event says
 * how much that reading rose (milliUnits) and, since DX8, the reading itself (deliveredMilliUnits).
 */
export function describeUsage(args: Record<string, unknown>, unit: string, consumer?: string): string {
  const used = `${milli(args.milliUnits, unit)} used${consumer === undefined ? "" : ` by ${consumer}`}`;
  return args.deliveredMilliUnits === undefined
    ? `the device reported ${used}`
    : `the device's signed reading: ${used} (${milli(args.deliveredMilliUnits, unit)} delivered in all)`;
}

export function describeActivity(item: ActivityItem, name: Name): string {
  const a = item.args;
  const who = (key: string) => name(text(a[key]));
  const request = `request #${text(a.requestId)}`;
  switch (item.eventName) {
    case "RequestCreated":
      return `New ${request}: ${text(a.location)}, ${text(a.wattageW)} W, by ${who("creator")}`;
    case "BidPlaced":
      return `${who("provider")} bid ${solar(a.installationCostWei)} on ${request}`;
    case "BidWithdrawnByProvider":
      return `${who("provider")} withdrew bid #${text(a.bidId)} on ${request}`;
    case "RequestCancelled":
      return `The consumer cancelled ${request}`;
    case "BidAccepted":
      return `${request} accepted bid #${text(a.bidId)}; financing of ${solar(a.targetWei)} opens`;
    case "Contributed":
      return `${who("financier")} funded ${request} with ${solar(a.amountWei)} (${solar(a.raisedWei)} of ${solar(a.targetWei)} raised)`;
    case "GeneratorCreated":
      return `${request} is fully funded: generator ${name(text(a.generator))} created`;
    case "Refunded":
      return `${who("financier")} took back ${solar(a.amountWei)} from ${request}`;
    case "EscrowReleased":
      return `${solar(a.amountWei)} paid to ${who("provider")} for ${request}`;
    case "DeviceRegistered":
      return a.deviceId === undefined
        ? `${who("provider")} registered the device key of generator ${name(item.address)}`
        : `${who("provider")} registered device #${text(a.deviceId)} (key ${who("deviceKey")}) for generator ${name(item.address)}`;
    case "Activated":
      return `${who("consumer")} activated generator ${name(item.address)}`;
    case "PriceVoted":
      return `${who("owner")} voted ${solar(a.priceWeiPerUnit)} per unit; the price is now ${solar(a.averagePriceWeiPerUnit)}`;
    case "VoteWithdrawn":
      return `${who("owner")} withdrew a price vote; the price is now ${solar(a.averagePriceWeiPerUnit)}`;
    case "EnergyPurchased":
      return `${who("buyer")} bought ${text(a.units)} units for ${solar(a.costWei)}`;
    case "UsageReported":
      return `Generator ${name(item.address)}, ${describeUsage(a, "units", who("consumer"))}`;
    case "RevenueReceived":
      return `Generator ${name(item.address)} received ${solar(a.amountWei)} from ${who("payer")}`;
    case "RevenueClaimed":
      return `${who("owner")} claimed ${solar(a.amountWei)}`;
    case "TokensPurchased":
      return `${who("buyer")} bought ${solar(a.tokenWei)} in the token sale`;
    case "Transfer":
      if (item.contract === "generator") {
        return `${text(a.value)} shares of generator ${name(item.address)} moved from ${who("from")} to ${who("to")}`;
      }
      return `${solar(a.value)} moved from ${who("from")} to ${who("to")}`;
    case "Approval":
      return `${who("owner")} allowed ${who("spender")} to take ${item.contract === "token" ? solar(a.value) : text(a.value)}`;
    default:
      return `${item.eventName.replace(/([a-z])([A-Z])/g, "$1 $2")} (${item.contract})`;
  }
}

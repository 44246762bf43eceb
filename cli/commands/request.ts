// `drex request`: a consumer asks for a generator (DX1, DX13); with an id instead, shows that request.
import type { Command } from "commander";
import { createRequest } from "../../sdk/actions/consumer/createRequest.ts";
import { getRequest } from "../../sdk/actions/market/getRequest.ts";
import { type ChainFlags, openChainContext, openSigningContext, txFields, txLine, withChainFlags } from "../context.ts";
import { UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { requireRequest } from "../lookups.ts";
import { formatTime } from "../output.ts";
import { parseId, parseNonEmpty, parsePositiveWhole } from "../parse.ts";
import { requestLines } from "../views.ts";

type RequestFlags = ChainFlags & {
  location?: string;
  wattageW?: bigint;
  reason?: string;
  utilityKind?: string;
  unit?: string;
};

export function registerRequestCommand(program: Command): void {
  const command = program
    .command("request")
    .argument("[id]", "show this request instead of creating one", parseId)
    .summary("Request a generator, or show request <id>.")
    .description(
      "Request a generator (you become the request's creator), or with an id, show that request and its bids.",
    )
    .option("--location <text>", "where the generator is wanted (at most 128 bytes)", parseNonEmpty)
    .option("--wattage-w <watts>", "power needed, in watts", parsePositiveWhole)
    .option("--reason <text>", "why it is needed (at most 512 bytes)")
    .option("--utility-kind <kind>", "the utility, e.g. water (default: electricity)")
    .option("--unit <unit>", "the unit it is sold in, e.g. m3 (default: kWh)");
  withExamples(withChainFlags(command), [
    'drex request --location "Kisumu, Kenya" --wattage-w 5000 --reason "clinic fridge"',
    "drex request --location Kano --wattage-w 800 --utility-kind water --unit m3",
    "drex request 1",
  ]).action(async (id: bigint | undefined, flags: RequestFlags) => {
    const creating = [flags.location, flags.wattageW, flags.reason, flags.utilityKind, flags.unit].some(
      (value) => value !== undefined,
    );
    if (id !== undefined) {
      if (creating) {
        throw new UsageError("id", "give an id to show a request, or --location and --wattage-w to create one");
      }
      return showRequest(id, flags);
    }
    if (flags.location === undefined) throw new UsageError("--location", "required to create a request");
    if (flags.wattageW === undefined) throw new UsageError("--wattage-w", "required to create a request");
    const context = await openSigningContext(flags);
    const created = await createRequest(context.wallet, {
      marketplace: context.deployment.addresses.marketplace,
      location: flags.location,
      wattageW: flags.wattageW,
      reason: flags.reason,
      utilityKind: flags.utilityKind,
      unit: flags.unit,
    });
    context.output.result(
      {
        requestId: created.requestId,
        creator: context.account,
        utilityKind: created.utilityKind,
        unit: created.unit,
        biddingEndsAt: created.biddingEndsAt,
        ...txFields(created),
      },
      () => [
        `Request #${created.requestId} created: ${flags.wattageW?.toLocaleString("en-US")} W of ${created.utilityKind} (${
          created.unit
        }) at ${flags.location}.`,
        `  providers may bid until ${formatTime(created.biddingEndsAt)}`,
        txLine(created),
      ],
    );
  });
}

async function showRequest(requestId: bigint, flags: ChainFlags): Promise<void> {
  const context = await openChainContext(flags);
  await requireRequest(context, requestId, "id");
  const request = await getRequest(context.publicClient, {
    marketplace: context.deployment.addresses.marketplace,
    requestId,
  });
  context.output.result(request, () => requestLines(request));
}

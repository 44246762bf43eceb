// An account: balances, holdings with claimable revenue, contributions, kWh credit. Claimable revenue and ether are
// read from the chain at the indexed block; everything else comes from the index.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import { GeneratorAbi } from "../../../sdk/abi/Generator.ts";
import type { ApiContext } from "../context.ts";
import { addressSchema } from "../schemas.ts";

export function registerAccountRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Params: { address: string } }>(
    "/api/v1/accounts/:address",
    {
      schema: {
        tags: ["accounts"],
        summary: "Balances, holdings with claimable revenue, contributions and kWh credit of one account",
        params: { type: "object", properties: { address: addressSchema }, required: ["address"] },
      },
    },
    async (request) => {
      const address = getAddress(request.params.address);
      const account = await ctx.store.getAccount(address);
      const [etherWei, claimable] = await Promise.all([
        ctx.client.getBalance({ address }),
        Promise.all(
          account.holdings.map((h) =>
            ctx.client.readContract({
              address: h.generator,
              abi: GeneratorAbi,
              functionName: "claimableRevenue",
              args: [address],
            }),
          ),
        ),
      ]);
      return {
        ...account,
        etherWei,
        holdings: account.holdings.map((h, i) => ({ ...h, claimableWei: claimable[i] ?? 0n })),
        claimableWei: claimable.reduce((sum, c) => sum + c, 0n),
      };
    },
  );
}

// An account's side of the measured-energy modules: its Energy, Reward and Solar Token balances, its DAO membership and
// votes, the devices it operates and its pool shares, all from the index.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import type { ApiContext } from "../context.ts";
import { addressSchema } from "../schemas.ts";
import { deviceJson, ENERGY_TAG } from "./energyShared.ts";

export function registerEnergyAccountRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Params: { address: string } }>(
    "/api/v1/energy/accounts/:address",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary:
          "An account's Energy, Reward and Solar Token balances, DAO membership and how many proposals it voted on, devices operated and pool shares",
        params: { type: "object", properties: { address: addressSchema }, required: ["address"] },
      },
    },
    async (request) => {
      const address = getAddress(request.params.address);
      const energy = ctx.deployment.energy;
      const [balances, account, isDaoMember, votes, devices, pools] = await Promise.all([
        ctx.store.energy.balancesOf(address),
        ctx.store.getAccount(address),
        ctx.store.energy.isMember(address),
        ctx.store.energy.votesBy(address),
        ctx.store.energy.listDevices({ operator: address, page: { limit: 500, offset: 0 } }),
        ctx.store.energy.listPools(),
      ]);
      const balanceOf = (token: string | undefined) =>
        balances.find((b) => token !== undefined && b.token === getAddress(token))?.balanceWei ?? 0n;
      return {
        address,
        energyTokenWei: balanceOf(energy?.energyToken),
        rewardTokenWei: balanceOf(energy?.rewardToken),
        solarWei: account.solarWei,
        isDaoMember,
        /** How many proposals the account voted on. */
        votes: BigInt(votes.length),
        devices: devices.map(deviceJson),
        lpShares: pools
          .map((p) => ({ pool: p.address, shares: balanceOf(p.address) }))
          .filter((holding) => holding.shares > 0n),
      };
    },
  );
}

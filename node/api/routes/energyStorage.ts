// Storage nodes (MX3, MX7): what each node holds for each depositor, and the latest stores and take-outs.
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../context.ts";
import { ENERGY_TAG } from "./energyShared.ts";

const LATEST = 50;

export function registerEnergyStorageRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/v1/energy/storage",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary:
          "Storage nodes with the energy each holds per depositor, and the latest 50 stores (losses flagged) and take-outs",
      },
    },
    async () => {
      const [nodes, holdings, flagged, stores, takeOuts] = await Promise.all([
        ctx.store.energy.listDevices({ kind: "storageNode", page: { limit: 500, offset: 0 } }),
        ctx.store.energy.storageHoldings(),
        ctx.store.energy.flaggedStoresPerNode(),
        ctx.store.energy.latestStores(LATEST),
        ctx.store.energy.latestTakeOuts(LATEST),
      ]);
      return {
        nodes: nodes.map((node) => {
          const depositors = holdings
            .filter((h) => h.nodeId === node.deviceId)
            .map((h) => ({ depositorId: h.depositorId, storedWh: h.storedWh, pendingTakeOutWh: h.pendingTakeOutWh }));
          return {
            deviceId: node.deviceId,
            key: node.key,
            operator: node.operator,
            status: node.status,
            storedWh: depositors.reduce((sum, d) => sum + d.storedWh, 0n),
            pendingTakeOutWh: depositors.reduce((sum, d) => sum + d.pendingTakeOutWh, 0n),
            excessiveLossCount: flagged.get(node.deviceId) ?? 0n,
            depositors,
          };
        }),
        stores: stores.map((s) => ({
          storeId: s.storeId,
          nodeId: s.nodeId,
          depositorId: s.depositorId,
          sentWh: s.sentWh,
          receivedWh: s.receivedWh,
          lossWh: s.lossWh,
          flagged: s.flagged,
          status: s.status,
          requestedAt: s.requestedAt,
        })),
        takeOuts: takeOuts.map((t) => ({
          takeOutId: t.takeOutId,
          nodeId: t.nodeId,
          depositorId: t.depositorId,
          requestedWh: t.requestedWh,
          deliveredWh: t.deliveredWh,
          status: t.status,
          requestedAt: t.requestedAt,
        })),
      };
    },
  );
}

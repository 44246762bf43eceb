import type { Address } from "viem";
import { MarketplaceAbi } from "../abi/Marketplace.ts";
import { simulateAndWrite } from "../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../types.ts";

export type LinkDeviceModulesParameters = {
  marketplace: Address;
  /** The measured-energy module registry (`deployEnergy`'s `moduleRegistry`). */
  deviceModules: Address;
};

/**
 * Links the marketplace to the measured-energy module registry whose device registry every generator checks its
 * device in (DX8, MX1); only the marketplace's deployer, once. Until it is done no generator can register a device.
 */
export function linkDeviceModules(client: DrexWalletClient, params: LinkDeviceModulesParameters): Promise<WriteResult> {
  return simulateAndWrite(client, {
    address: params.marketplace,
    abi: MarketplaceAbi,
    functionName: "linkDeviceModules",
    args: [params.deviceModules],
  });
}

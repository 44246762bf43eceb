// What the HTTP API is built from. The store and the chain are interfaces so tests can build the API over any of
// them; `startNode` wires the real ones.
import type { Registry } from "prom-client";
import type { Hex, PublicClient } from "viem";
import type { TransactionRequest } from "../chain/rpcServer.ts";
import type { Deployment } from "../deployment.ts";
import type { DistributeReads } from "../store/distributeReads.ts";
import type { EnergyReads } from "../store/energyReads.ts";
import type {
  AccountRow,
  ActivityRow,
  GeneratorDetail,
  GeneratorRow,
  Page,
  RequestPhase,
  RequestRow,
  RequestWithBids,
  StatsBucket,
  StatsPoint,
  Totals,
} from "../store/views.ts";
import type { ActivityHub } from "./activityHub.ts";

/** The store's reads the API serves. */
export type ApiStore = {
  listRequests(query: {
    phase?: RequestPhase | undefined;
    creator?: `0x${string}` | undefined;
    provider?: `0x${string}` | undefined;
    page: Page;
  }): Promise<RequestRow[]>;
  getRequest(requestId: bigint): Promise<RequestWithBids | null>;
  listGenerators(query: { active?: boolean | undefined; page: Page }): Promise<GeneratorRow[]>;
  getGenerator(address: `0x${string}`): Promise<GeneratorDetail | null>;
  getAccount(address: `0x${string}`): Promise<AccountRow>;
  listActivity(query: {
    beforeId?: bigint | undefined;
    address?: `0x${string}` | undefined;
    page: Page;
  }): Promise<ActivityRow[]>;
  getTotals(): Promise<Totals>;
  getStatsTimeseries(query: { bucket: StatsBucket; generator?: `0x${string}` }): Promise<StatsPoint[] | null>;
  /** The measured-energy modules' reads (MX1–MX9). */
  energy: EnergyReads;
  /** The Distribute Protocol's reads (DS1–DS8). */
  distribute: DistributeReads;
};

export type RelayResult = {
  hash: Hex;
  /** Mined (embedded chain: always, before the answer) or only accepted by an external chain's mempool. */
  status: "success" | "reverted" | "pending";
  blockNumber: bigint | null;
};

export type ApiContext = {
  mode: "embedded" | "external";
  deployment: Deployment;
  store: ApiStore;
  /** Reads and simulations against the chain. */
  client: PublicClient;
  /** Sends a signed transaction. */
  relay(rawTransaction: Hex): Promise<RelayResult>;
  /** Embedded mode only: signs with a development account. */
  devSigner: {
    accounts: { address: `0x${string}`; label: string }[];
    send(tx: TransactionRequest): Promise<RelayResult>;
  } | null;
  /** Embedded mode only: development time travel. */
  devClock: { increaseTime(seconds: bigint): Promise<bigint> } | null;
  /** The time the chain's next block will carry: what the contracts' deadlines are measured against. */
  chainNow(): Promise<bigint>;
  indexer: { indexedBlock(): bigint; waitForBlock(blockNumber: bigint): Promise<void> };
  activity: ActivityHub;
  metrics: Registry;
  /** The built web app, served at `/` when present. */
  webRoot: string | null;
  /** Devices' signed readings (MX2, MX8); the readings routes exist only when it is set. */
  meter?: import("../meter/Meter.ts").Meter;
};

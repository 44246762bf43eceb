// Everything `drex start` (and `npm start`) can be told. Defaults give the embedded platform on this machine.

export type NodeOptions = {
  /** Where the embedded chain's journal, the SQLite index and the deployment file live. */
  dataDir: string;
  /** Host the HTTP servers bind to. */
  host: string;
  /** The HTTP API and the web app. */
  port: number;
  /** The embedded chain's JSON-RPC endpoint (embedded mode only). */
  rpcPort: number;
  /** An external chain's JSON-RPC URL; unset means the embedded chain. */
  rpcUrl: string | null;
  /** The deployment file to read the contracts' addresses from (external mode); default `<dataDir>/deployment.json`. */
  deploymentFile: string | null;
  /** PostgreSQL connection string; unset means SQLite in the data folder. */
  databaseUrl: string | null;
  /** Blocks an event must be buried under before the indexer counts it; default 0 embedded, 2 external. */
  confirmations: number | null;
  /** Seed a realistic community on first start (embedded mode only). */
  demo: boolean;
  /** An MQTT broker to take meter readings from as well as HTTP (`mqtt://host:1883`); unset means HTTP only. */
  mqttUrl: string | null;
  /** How often the meter re-reads the device registry and commits finished periods, in milliseconds. */
  meterHousekeepingMs: number;
  /**
   * How often the Distribute Protocol's keeper looks for transitions due at chain time and makes them, in
   * milliseconds; 0 turns the keeper off. It runs only with a key to sign with: the operator development account on
   * the embedded chain, `keeperKey` on an external one.
   */
  keeperIntervalMs: number;
  /** The private key the keeper signs with on an external chain (DREX_KEEPER_KEY); unset means no keeper there. */
  keeperKey: `0x${string}` | null;
  /** Log level for the structured (JSON lines) log. */
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "silent";
};

export const DEFAULT_NODE_OPTIONS: NodeOptions = {
  dataDir: "./data",
  host: "127.0.0.1",
  port: 8080,
  rpcPort: 8545,
  rpcUrl: null,
  deploymentFile: null,
  databaseUrl: null,
  confirmations: null,
  demo: false,
  mqttUrl: null,
  meterHousekeepingMs: 30_000,
  keeperIntervalMs: 5_000,
  keeperKey: null,
  logLevel: "info",
};

/** Fills unset options from the environment (DREX_RPC_URL, DATABASE_URL, DREX_MQTT_URL, DREX_KEEPER_KEY) and the defaults. */
export function resolveNodeOptions(given: Partial<NodeOptions>, env: NodeJS.ProcessEnv = process.env): NodeOptions {
  const options: NodeOptions = { ...DEFAULT_NODE_OPTIONS, ...stripUndefined(given) };
  if (options.rpcUrl === null && env.DREX_RPC_URL) options.rpcUrl = env.DREX_RPC_URL;
  if (options.databaseUrl === null && env.DATABASE_URL) options.databaseUrl = env.DATABASE_URL;
  if (options.mqttUrl === null && env.DREX_MQTT_URL) options.mqttUrl = env.DREX_MQTT_URL;
  if (options.keeperKey === null && env.DREX_KEEPER_KEY) options.keeperKey = env.DREX_KEEPER_KEY as `0x${string}`;
  return options;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// How simulated devices' signed readings reach a node: over HTTP (the batch endpoint, or one request per reading),
// over MQTT (the device's readings topic, answered on its results topic), or straight into a Meter in the same
// process. Each answers every reading accepted or refused with the node's code, in the order sent.
import mqtt, { type MqttClient } from "mqtt";
import { type Address, getAddress, type Hex } from "viem";
import type { Reading } from "../sdk/energy/readings.ts";

export type ReadingOutcome = { status: "accepted" } | { status: "refused"; code: string; reason: string };

/** One device's signed readings: under one batch signature, or each with its own. */
export type SignedReadings =
  | { device: Address; readings: readonly Reading[]; batchSignature: Hex }
  | { device: Address; readings: readonly Reading[]; signatures: readonly Hex[] };

export interface ReadingTransport {
  /** What the readings travel over, for messages: "HTTP http://…", "MQTT mqtt://…". */
  readonly name: string;
  /** Sends one device's readings (in sequence order) and answers each. */
  send(signed: SignedReadings): Promise<ReadingOutcome[]>;
  close(): Promise<void>;
}

/** The node refused the message itself (a malformed request), not a reading in it. */
export class TransportError extends Error {
  override name = "TransportError";
}

/** The most readings one batch request may carry (the node's MAX_BATCH_READINGS). */
export const MAX_BATCH_READINGS = 4_000;

const readingBody = (r: Reading) => ({
  sequence: r.sequence.toString(),
  periodStart: r.periodStart.toString(),
  periodEnd: r.periodEnd.toString(),
  producedWh: r.producedWh.toString(),
  sentWh: r.sentWh.toString(),
  receivedWh: r.receivedWh.toString(),
  heartbeats: r.heartbeats.toString(),
});

type ResultJson = { status?: unknown; code?: unknown; reason?: unknown };

function outcomeOf(result: ResultJson | undefined): ReadingOutcome {
  if (result?.status === "accepted") return { status: "accepted" };
  return {
    status: "refused",
    code: typeof result?.code === "string" ? result.code : "no_answer",
    reason: typeof result?.reason === "string" ? result.reason : "the node gave no result for this reading",
  };
}

/** Readings to a node's HTTP API: POST /api/v1/readings/batch, or POST /api/v1/readings one by one. */
export function httpTransport(nodeUrl: string): ReadingTransport {
  const base = nodeUrl.replace(/\/+$/, "");
  const post = async (path: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new TransportError(`${base}${path} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as unknown;
  };
  return {
    name: `HTTP ${base}`,
    async send(signed) {
      if ("batchSignature" in signed) {
        if (signed.readings.length > MAX_BATCH_READINGS) {
          throw new TransportError(`a batch holds at most ${MAX_BATCH_READINGS} readings`);
        }
        const answer = (await post("/api/v1/readings/batch", {
          device: getAddress(signed.device),
          readings: signed.readings.map(readingBody),
          signature: signed.batchSignature,
        })) as { results?: ResultJson[] };
        return signed.readings.map((_, i) => outcomeOf(answer.results?.[i]));
      }
      const outcomes: ReadingOutcome[] = [];
      for (const [i, reading] of signed.readings.entries()) {
        const answer = (await post("/api/v1/readings", {
          reading: { device: getAddress(signed.device), ...readingBody(reading) },
          signature: signed.signatures[i],
        })) as ResultJson;
        outcomes.push(outcomeOf(answer));
      }
      return outcomes;
    },
    async close() {},
  };
}

/** How long a device waits for the node's answer on its results topic. */
const MQTT_ANSWER_TIMEOUT_MS = 30_000;

/**
 * Readings over MQTT: each message to `drex/devices/{key}/readings` (QoS 1), the node's answer awaited on
 * `drex/devices/{key}/readings/results`. One message per device is in flight at a time, so answers pair with messages.
 */
export async function mqttTransport(url: string): Promise<ReadingTransport> {
  const client: MqttClient = await mqtt.connectAsync(url, {
    clientId: `drex-simulator-${process.pid}-${Date.now()}`,
    reconnectPeriod: 1_000,
    connectTimeout: 10_000,
  });
  const waiting = new Map<string, (results: ResultJson[]) => void>();
  client.on("message", (topic, payload) => {
    const resolve = waiting.get(topic);
    if (!resolve) return;
    waiting.delete(topic);
    try {
      resolve(((JSON.parse(payload.toString("utf8")) as { results?: ResultJson[] }).results ?? []) as ResultJson[]);
    } catch {
      resolve([]);
    }
  });
  await client.subscribeAsync("drex/devices/+/readings/results", { qos: 1 });
  const exchange = async (topic: string, message: unknown): Promise<ResultJson[]> => {
    const answered = new Promise<ResultJson[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(`${topic}/results`);
        reject(new TransportError(`no answer on ${topic}/results within ${MQTT_ANSWER_TIMEOUT_MS / 1000} s`));
      }, MQTT_ANSWER_TIMEOUT_MS);
      waiting.set(`${topic}/results`, (results) => {
        clearTimeout(timer);
        resolve(results);
      });
    });
    await client.publishAsync(topic, JSON.stringify(message), { qos: 1 });
    return answered;
  };
  return {
    name: `MQTT ${url}`,
    async send(signed) {
      const topic = `drex/devices/${getAddress(signed.device)}/readings`;
      if ("batchSignature" in signed) {
        const outcomes: ReadingOutcome[] = [];
        const results = await exchange(topic, {
          readings: signed.readings.map(readingBody),
          signature: signed.batchSignature,
        });
        // A message the gateway could not read is answered with one refusal for all of it.
        const whole = results.length === 1 && signed.readings.length > 1 ? results[0] : undefined;
        for (let i = 0; i < signed.readings.length; i++) outcomes.push(outcomeOf(whole ?? results[i]));
        return outcomes;
      }
      const outcomes: ReadingOutcome[] = [];
      for (const [i, reading] of signed.readings.entries()) {
        const [result] = await exchange(topic, { reading: readingBody(reading), signature: signed.signatures[i] });
        outcomes.push(outcomeOf(result));
      }
      return outcomes;
    },
    async close() {
      await client.endAsync();
    },
  };
}

/** What a node's Meter answers; kept structural so the simulator does not depend on the node. */
type MeterResult = { status: "accepted" } | { status: "refused"; code: string; reason: string };
export type MeterLike = {
  ingestBatch(batch: { device: Address; readings: readonly Reading[]; signature: Hex }): Promise<MeterResult[]>;
  ingestSigned(items: readonly { reading: Reading; signature: Hex }[]): Promise<MeterResult[]>;
};

/** Readings straight into a Meter in this process (the node's own demonstration). */
export function meterTransport(meter: MeterLike): ReadingTransport {
  const outcome = (r: MeterResult): ReadingOutcome =>
    r.status === "accepted" ? { status: "accepted" } : { status: "refused", code: r.code, reason: r.reason };
  return {
    name: "the node's meter",
    async send(signed) {
      if ("batchSignature" in signed) {
        const batch = { device: signed.device, readings: signed.readings, signature: signed.batchSignature };
        return (await meter.ingestBatch(batch)).map(outcome);
      }
      const results = await meter.ingestSigned(
        signed.readings.map((reading, i) => ({ reading, signature: signed.signatures[i] as Hex })),
      );
      return results.map(outcome);
    },
    async close() {},
  };
}

// Readings over MQTT (MX2): a device publishes to `drex/devices/{key}/readings` either one reading with its own
// signature, `{ "reading": {…}, "signature": "0x…" }`, or a batch under one ReadingBatch signature,
// `{ "readings": [{…}, …], "signature": "0x…" }` (numbers as decimal strings, as over HTTP). The node answers on
// `drex/devices/{key}/readings/results` with one result per reading, in order. The broker's acknowledgement (PUBACK,
// QoS 1) is held back until the readings are stored: a node that dies before storing gets them again.
import mqtt, { type MqttClient } from "mqtt";
import { type Address, getAddress, type Hex, isAddress } from "viem";
import type { Reading } from "../../sdk/energy/readings.ts";
import type { Meter, ReadingResult } from "./Meter.ts";
import { ReadingFieldError, readingFromJson, readingResultJson } from "./readingJson.ts";

export const READINGS_TOPIC_FILTER = "drex/devices/+/readings";
const TOPIC = /^drex\/devices\/([^/]+)\/readings$/;

export type MqttGatewayLog = {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
};

export type MqttGateway = { close(): Promise<void> };

/** A payload the gateway cannot read: answered with one refusal naming the field. */
class PayloadError extends Error {}

export async function startMqttGateway(url: string, meter: Meter, log: MqttGatewayLog): Promise<MqttGateway> {
  let client: MqttClient | undefined;
  const handle = async (topic: string, payload: Buffer): Promise<void> => {
    const match = TOPIC.exec(topic);
    if (!match || !client) return;
    let results: object[];
    try {
      const device = deviceFrom(match[1] as string);
      results = (await ingest(meter, device, payload)).map(readingResultJson);
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      results = [{ status: "refused", code: "invalid_reading", reason: error.message }];
    }
    // Not awaited: the client handles incoming packets one at a time, so the answer's own acknowledgement could not
    // arrive before this message is acknowledged.
    client.publish(`${topic}/results`, JSON.stringify({ results }), { qos: 1 }, (error) => {
      if (error) log.warn({ err: error, topic }, "could not publish the results of a reading message");
    });
  };
  client = await mqtt.connectAsync(url, { clientId: `drex-node-${process.pid}-${Date.now()}`, reconnectPeriod: 1_000 });
  // mqtt.js acknowledges a QoS 1 message (PUBACK) once `handleMessage` calls back: only after the readings are
  // stored or refused, never before.
  client.handleMessage = (packet, done) => {
    handle(packet.topic, packet.payload as Buffer).then(
      () => done(),
      (error) => {
        log.warn(
          { err: error, topic: packet.topic },
          "a reading message could not be handled; the broker will resend it",
        );
        done(error as Error);
      },
    );
  };
  await client.subscribeAsync(READINGS_TOPIC_FILTER, { qos: 1 });
  log.info({ url, topic: READINGS_TOPIC_FILTER }, "taking readings over MQTT");
  return { close: async () => void (await client?.endAsync()) };
}

async function ingest(meter: Meter, device: Address, payload: Buffer): Promise<ReadingResult[]> {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString("utf8"));
  } catch {
    throw new PayloadError("the message is not JSON");
  }
  const o = body as { reading?: unknown; readings?: unknown; signature?: unknown };
  const signature = signatureFrom(o.signature);
  if (o.reading !== undefined)
    return meter.ingestSigned([{ reading: readingFrom(device, o.reading, "reading"), signature }]);
  if (!Array.isArray(o.readings) || o.readings.length === 0 || o.readings.length > 4_000) {
    throw new PayloadError("readings must be a list of 1 to 4,000 readings (or send one `reading`)");
  }
  const readings = o.readings.map((r, i) => readingFrom(device, r, `readings[${i}]`));
  return meter.ingestBatch({ device, readings, signature });
}

function deviceFrom(segment: string): Address {
  if (!isAddress(segment, { strict: false })) throw new PayloadError(`the topic's device ${segment} is not an address`);
  return getAddress(segment);
}

function signatureFrom(value: unknown): Hex {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(value)) {
    throw new PayloadError("signature must be 65 bytes as 0x-prefixed hex");
  }
  return value as Hex;
}

function readingFrom(device: Address, value: unknown, field: string): Reading {
  if (typeof value === "object" && value !== null) {
    const named = (value as { device?: unknown }).device;
    if (named !== undefined && (typeof named !== "string" || named.toLowerCase() !== device.toLowerCase())) {
      throw new PayloadError(`${field}.device must be the topic's device`);
    }
  }
  try {
    return readingFromJson(device, value, field);
  } catch (error) {
    if (error instanceof ReadingFieldError) throw new PayloadError(error.message);
    throw error;
  }
}

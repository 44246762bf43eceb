// Devices' signed meter readings (MX2, MX8): one reading with its own EIP-712 signature, or a batch of one device's
// readings under one `ReadingBatch` signature (see sdk/energy/readings.ts). Each reading is answered accepted or
// refused with a code and a sentence; an accepted one is on disk before the answer. Once its period is committed,
// a reading is served with its Merkle root and proof, to be checked with ReadingCommitments.verifyReading.
import type { FastifyInstance } from "fastify";
import { type Address, getAddress, type Hex } from "viem";
import type { Reading } from "../../../sdk/energy/readings.ts";
import type { Meter, ReadingResult } from "../../meter/Meter.ts";
import {
  READING_VALUE_FIELDS,
  ReadingFieldError,
  readingFromJson,
  readingResultJson,
} from "../../meter/readingJson.ts";
import { addressSchema, InvalidFieldError, NotFoundError, uintFrom, uintSchema } from "../schemas.ts";

const signatureSchema = {
  type: "string",
  pattern: "^0x[0-9a-fA-F]{130}$",
  description: "65 bytes (r, s, v), 0x-prefixed",
} as const;

const readingProperties = {
  sequence: uintSchema,
  periodStart: { ...uintSchema, description: "Unix seconds, inclusive" },
  periodEnd: { ...uintSchema, description: "Unix seconds, exclusive" },
  producedWh: uintSchema,
  sentWh: uintSchema,
  receivedWh: uintSchema,
  heartbeats: { ...uintSchema, description: "uint32, as a decimal string" },
} as const;
const requiredFields = [...READING_VALUE_FIELDS, "heartbeats"];

/** The largest batch one request may carry. */
export const MAX_BATCH_READINGS = 4_000;

type ReadingBody = Record<(typeof READING_VALUE_FIELDS)[number] | "heartbeats", string>;

/** The schema has checked the shape; the widths are checked here, as for MQTT, and answered 400. */
function readingFrom(device: string, body: ReadingBody, field: string): Reading {
  try {
    return readingFromJson(getAddress(device), body, field);
  } catch (error) {
    if (error instanceof ReadingFieldError) throw new InvalidFieldError(error.field, error.reason);
    throw error;
  }
}

const readingJson = (r: Reading) => ({
  device: r.device,
  sequence: r.sequence.toString(),
  periodStart: r.periodStart.toString(),
  periodEnd: r.periodEnd.toString(),
  producedWh: r.producedWh.toString(),
  sentWh: r.sentWh.toString(),
  receivedWh: r.receivedWh.toString(),
  heartbeats: r.heartbeats.toString(),
});

export function registerReadingRoutes(app: FastifyInstance, meter: Meter): void {
  app.post<{ Body: { reading: ReadingBody & { device: string }; signature: string } }>(
    "/api/v1/readings",
    {
      schema: {
        tags: ["readings"],
        summary: "Submit one reading with the device's EIP-712 signature; answered accepted or refused with a reason",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["reading", "signature"],
          properties: {
            reading: {
              type: "object",
              additionalProperties: false,
              required: ["device", ...requiredFields],
              properties: { device: addressSchema, ...readingProperties },
            },
            signature: signatureSchema,
          },
        },
      },
    },
    async (request) => {
      const { reading, signature } = request.body;
      const parsed = readingFrom(reading.device, reading, "body.reading");
      const [result] = await meter.ingestSigned([{ reading: parsed, signature: signature as Hex }]);
      return readingResultJson(result as ReadingResult);
    },
  );

  app.post<{ Body: { device: string; readings: ReadingBody[]; signature: string } }>(
    "/api/v1/readings/batch",
    {
      schema: {
        tags: ["readings"],
        summary: "Submit a batch of one device's readings under one ReadingBatch signature; answered per reading",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["device", "readings", "signature"],
          properties: {
            device: addressSchema,
            readings: {
              type: "array",
              minItems: 1,
              maxItems: MAX_BATCH_READINGS,
              items: {
                type: "object",
                additionalProperties: false,
                required: requiredFields,
                properties: readingProperties,
              },
            },
            signature: signatureSchema,
          },
        },
      },
    },
    async (request) => {
      const { device, readings, signature } = request.body;
      const parsed = readings.map((r, i) => readingFrom(device, r, `body.readings.${i}`));
      const results = await meter.ingestBatch({
        device: device as Address,
        readings: parsed,
        signature: signature as Hex,
      });
      return {
        device: getAddress(device),
        accepted: results.filter((r) => r.status === "accepted").length,
        refused: results.filter((r) => r.status !== "accepted").length,
        results: results.map((r, i) => ({
          sequence: (parsed[i] as Reading).sequence.toString(),
          ...readingResultJson(r),
        })),
      };
    },
  );

  app.get<{ Params: { device: string; sequence: string } }>(
    "/api/v1/readings/:device/:sequence",
    {
      schema: {
        tags: ["readings"],
        summary:
          "A committed reading with its commit period, Merkle root and proof (404 until its period is committed)",
        params: {
          type: "object",
          required: ["device", "sequence"],
          properties: { device: addressSchema, sequence: { type: "string", pattern: "^[0-9]{1,20}$" } },
        },
      },
    },
    async (request) => {
      const device = getAddress(request.params.device);
      const sequence = uintFrom(request.params.sequence, "params.sequence", 64);
      const proof = meter.proofOf(device, sequence);
      if (!proof) throw new NotFoundError(`committed reading ${sequence} of device ${device}`);
      return {
        reading: readingJson(proof.reading),
        periodId: proof.periodId.toString(),
        root: proof.root,
        proof: proof.proof,
        leaf: proof.leaf,
        signature: proof.signature,
        batch: proof.batch ? { signature: proof.batch.signature, count: proof.batch.count } : null,
      };
    },
  );
}

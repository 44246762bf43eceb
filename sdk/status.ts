// The contracts' enums as string unions, in the contracts' order (the index is the on-chain value).

/** Where a marketplace request stands (IMarketplace.RequestStatus). */
export const REQUEST_STATUSES = [
  "None",
  "Bidding",
  "AwaitingAcceptance",
  "Lapsed",
  "Cancelled",
  "Financing",
  "FinancingFailed",
  "Funded",
  "ActivationFailed",
  "Active",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A generator's lifecycle (IGenerator.Phase). */
export const GENERATOR_PHASES = ["Pending", "Active", "Failed"] as const;
export type GeneratorPhase = (typeof GENERATOR_PHASES)[number];

export function requestStatusName(value: number | bigint): RequestStatus {
  const name = REQUEST_STATUSES[Number(value)];
  if (name === undefined) throw new Error(`unknown request status ${value}`);
  return name;
}

export function generatorPhaseName(value: number | bigint): GeneratorPhase {
  const name = GENERATOR_PHASES[Number(value)];
  if (name === undefined) throw new Error(`unknown generator phase ${value}`);
  return name;
}

/** A status in words, for screens: "AwaitingAcceptance" → "awaiting acceptance". */
export function describeStatus(status: RequestStatus | GeneratorPhase): string {
  return status.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

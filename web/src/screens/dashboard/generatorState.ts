// A generator's state in words, by the chain's clock.
import type { Generator } from "../../api/types.ts";

export function generatorState(g: Pick<Generator, "active" | "activationDeadline">, nowSeconds: bigint): string {
  if (g.active) return "Active";
  return nowSeconds > g.activationDeadline ? "Activation failed" : "Awaiting installation";
}

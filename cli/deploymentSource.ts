// Where a command finds the contracts: the deployment file (--deployment, ./data/deployment.json by default) or a
// running node's GET /api/v1/deployment (--node), which serves the same JSON as the file.
import { existsSync } from "node:fs";
import { type Deployment, parseDeployment, readDeployment } from "../node/deployment.ts";
import { CliError, networkReason } from "./errors.ts";

export const DEFAULT_DEPLOYMENT_FILE = "./data/deployment.json";

export type DeploymentSource = { deployment?: string | undefined; node?: string | undefined };

export async function loadDeployment(source: DeploymentSource): Promise<Deployment> {
  if (source.node !== undefined) return fetchDeployment(source.node);
  const path = source.deployment ?? DEFAULT_DEPLOYMENT_FILE;
  if (!existsSync(path)) {
    throw new CliError(
      `no deployment file at ${path}: pass --deployment FILE, or --node URL of a running node, or deploy with \`drex deploy\``,
    );
  }
  return readDeployment(path);
}

async function fetchDeployment(nodeUrl: string): Promise<Deployment> {
  const url = `${nodeUrl}/api/v1/deployment`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new CliError(`cannot reach the D-REX node at ${nodeUrl} (${networkReason(error)})`);
  }
  if (!response.ok) throw new CliError(`${url} answered HTTP ${response.status}`);
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new CliError(`${url} did not answer with JSON`);
  }
  return parseDeployment(raw, url);
}

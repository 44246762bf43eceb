// A D-REX node in its own process, as `drex start` runs it: for the tests and benchmarks that kill it, restart it
// or point a second node at it.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const DREX = fileURLToPath(new URL("../../cli/drex.ts", import.meta.url));

export type NodeProcess = {
  child: ChildProcess;
  apiUrl: string;
  rpcUrl: string;
  /** Milliseconds from spawn to a /healthz that answers 200. */
  readyMs: number;
  /** Everything the process wrote, for a failing test's message. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/** A TCP port nobody is listening on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `${apiUrl}/healthz` until it answers 200; `check` runs before each try and may throw to stop waiting (the
 * process died). Rejects when `timeoutMs` passes first.
 */
export async function waitUntilHealthy(apiUrl: string, timeoutMs: number, check: () => void = () => {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    check();
    if (Date.now() > deadline) throw new Error(`the node was not ready in ${timeoutMs / 1000} s`);
    try {
      if ((await fetch(`${apiUrl}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startNodeProcess(
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<NodeProcess> {
  const port = await freePort();
  const rpcPort = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [DREX, "start", "--port", String(port), "--rpc-port", String(rpcPort), ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  const rpcUrl = `http://127.0.0.1:${rpcPort}`;
  await waitUntilHealthy(apiUrl, options.timeoutMs ?? 120_000, () => {
    if (child.exitCode !== null) throw new Error(`the node exited with ${child.exitCode}`);
  }).catch((error: Error) => {
    child.kill("SIGKILL");
    throw new Error(`${error.message}:\n${output}`);
  });
  const readyMs = performance.now() - started;
  return {
    child,
    apiUrl,
    rpcUrl,
    readyMs,
    output: () => output,
    kill: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}

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
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the node exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the node was not ready in time:\n${output}`);
    }
    try {
      const response = await fetch(`${apiUrl}/healthz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
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

// Asking for a keystore password on the terminal without echoing it.
import { UsageError } from "./errors.ts";

const ENTER = new Set(["\r", "\n"]);
const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const BACKSPACE = new Set(["\u007f", "\b"]);

/** The password from DREX_KEYSTORE_PASSWORD, or asked on the terminal; `confirm` asks twice (for a new file). */
export async function keystorePassword(
  purpose: string,
  options: { confirm?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const fromEnv = (options.env ?? process.env).DREX_KEYSTORE_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError(
      "DREX_KEYSTORE_PASSWORD",
      `${purpose} needs a password: set it, or run in a terminal to type it`,
    );
  }
  const password = await askHidden(`Password for ${purpose}: `);
  if (password === "") throw new UsageError("password", "must not be empty");
  if (options.confirm && (await askHidden("Repeat the password: ")) !== password) {
    throw new UsageError("password", "the two passwords differ");
  }
  return password;
}

/** Reads one line from the terminal in raw mode, so the characters typed are never shown. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = (error: Error | null) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (ENTER.has(char)) return finish(null);
        if (char === CTRL_C || char === CTRL_D) return finish(new UsageError("password", "not given"));
        if (BACKSPACE.has(char)) typed = [...typed].slice(0, -1).join("");
        else typed += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

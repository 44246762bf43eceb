// `drex keystore`: encrypted key files (Web3 Secret Storage v3, as geth, ethers and Foundry write them).
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { parsePrivateKey } from "../keys.ts";
import {
  decryptKeystore,
  encryptKeystore,
  keystoreAddress,
  LIGHT_SCRYPT,
  readKeystoreFile,
  STANDARD_SCRYPT,
} from "../keystore.ts";
import { createOutput } from "../output.ts";
import { keystorePassword } from "../password.ts";

type WriteFlags = { out: string; lightKdf?: boolean; force?: boolean; json?: boolean };

export function registerKeystoreCommands(program: Command): void {
  const keystore = program
    .command("keystore")
    .description("Create, import and inspect encrypted key files (Web3 Secret Storage v3).");
  withExamples(keystore, ["drex keystore new --out alice.json", "drex keystore address alice.json"]);

  const newCommand = keystore
    .command("new")
    .description("Create a random key and save it encrypted; prints its address.")
    .requiredOption("--out <file>", "where to write the key file")
    .option("--light-kdf", "cheap scrypt settings (fast to open, weak against guessing): for test keys only")
    .option("--force", "overwrite an existing file")
    .option("--json", "print the result as JSON");
  withExamples(newCommand, [
    "drex keystore new --out alice.json",
    "DREX_KEYSTORE_PASSWORD=secret drex keystore new --out device.json",
  ]).action(async (flags: WriteFlags) => {
    await writeKeystore(flags, generatePrivateKey());
  });

  const importCommand = keystore
    .command("import")
    .description("Encrypt the key in DREX_PRIVATE_KEY into a key file.")
    .requiredOption("--out <file>", "where to write the key file")
    .option("--light-kdf", "cheap scrypt settings (fast to open, weak against guessing): for test keys only")
    .option("--force", "overwrite an existing file")
    .option("--json", "print the result as JSON");
  withExamples(importCommand, ["DREX_PRIVATE_KEY=0x… drex keystore import --out deployer.json"]).action(
    async (flags: WriteFlags) => {
      const raw = process.env.DREX_PRIVATE_KEY ?? "";
      if (raw === "") throw new UsageError("DREX_PRIVATE_KEY", "set it to the key to import");
      await writeKeystore(flags, parsePrivateKey(raw, "DREX_PRIVATE_KEY"));
    },
  );

  const addressCommand = keystore
    .command("address")
    .argument("<file>", "the key file")
    .description("Print the address of a key file (decrypting it if the file does not name it).")
    .option("--json", "print the result as JSON");
  withExamples(addressCommand, ["drex keystore address alice.json"]).action(
    async (file: string, flags: { json?: boolean }) => {
      const parsed = readKeystoreFile(file);
      const address =
        keystoreAddress(parsed) ??
        privateKeyToAccount(await decryptKeystore(parsed, await keystorePassword(`keystore ${file}`))).address;
      createOutput(flags.json === true).result({ file, address }, () => address);
    },
  );
}

async function writeKeystore(flags: WriteFlags, privateKey: `0x${string}`): Promise<void> {
  if (existsSync(flags.out) && !flags.force) {
    throw new UsageError("--out", `${flags.out} already exists; pass --force to overwrite it`);
  }
  const password = await keystorePassword(`the new keystore ${flags.out}`, { confirm: true });
  const output = createOutput(flags.json === true);
  output.progress("encrypting…");
  const encrypted = await encryptKeystore(privateKey, password, flags.lightKdf ? LIGHT_SCRYPT : STANDARD_SCRYPT);
  mkdirSync(dirname(flags.out), { recursive: true });
  writeFileSync(flags.out, `${JSON.stringify(encrypted, null, 2)}\n`, { mode: 0o600 });
  // The mode above applies only to a new file; an overwritten one keeps its old mode unless set again.
  chmodSync(flags.out, 0o600);
  const address = privateKeyToAccount(privateKey).address;
  output.result({ file: flags.out, address }, () => [`Key ${address} saved to ${flags.out}`]);
}

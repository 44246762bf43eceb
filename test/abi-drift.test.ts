import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { REGENERATE_COMMAND, renderAll } from "../scripts/generate-abi.ts";

describe("SDK ABIs", () => {
  it("the committed sdk/abi files match the compiled artifacts", async () => {
    const stale: string[] = [];
    for (const file of await renderAll()) {
      const committed = await readFile(new URL(`../${file.path}`, import.meta.url), "utf8").catch(() => "");
      if (committed !== file.text) stale.push(file.path);
    }
    assert.deepEqual(
      stale,
      [],
      `${stale.join(", ")} differ from the contracts' artifacts: run \`${REGENERATE_COMMAND}\` and commit the result`,
    );
  });
});

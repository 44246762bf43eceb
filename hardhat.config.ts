import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";

// The compiler comes from the `solc` npm package: Hardhat's own download needs hosts this project cannot reach.
const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin],
  solidity: {
    compilers: [
      {
        version: "0.8.37",
        path: require.resolve("solc/soljson.js"),
        settings: {
          evmVersion: "cancun",
          optimizer: { enabled: true, runs: 10_000 },
        },
      },
    ],
  },
  paths: {
    tests: { solidity: "contracts/test", nodejs: "test" },
  },
  test: {
    solidity: { fuzz: { runs: 256 } },
  },
});

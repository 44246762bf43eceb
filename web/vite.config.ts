// The web app's build. Run `npx vite web` for the dev server with hot reload (it forwards the API to a node on
// :8080) and `npx vite build web` for web/dist, which the node serves at `/`.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const NODE_URL = "http://127.0.0.1:8080";
const CHART_LIBRARIES =
  /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|@reduxjs|react-redux|reselect|immer|es-toolkit|eventemitter3|decimal\.js-light|tiny-invariant|clsx)[\\/]/;

export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Charts are split into their own chunk on purpose; nothing on the dashboard's first load is this large.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React stays in the entry chunk: a group must not pull in what its modules import.
          includeDependenciesRecursively: false,
          // The chart library and what only it uses: one chunk, loaded after the dashboard is ready.
          groups: [{ name: "charts", test: CHART_LIBRARIES }],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: NODE_URL, changeOrigin: true },
      "/healthz": { target: NODE_URL, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      "/api": { target: NODE_URL, changeOrigin: true },
      "/healthz": { target: NODE_URL, changeOrigin: true },
    },
  },
});

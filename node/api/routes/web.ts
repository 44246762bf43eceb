// `/`: the web app when it has been built, otherwise a page that points to the API and its documentation.
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import type { FastifyInstance } from "fastify";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

const LANDING = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>D-REX node</title></head><body><main><h1>D-REX node</h1>
<p>This node serves the D-REX API. The web app has not been built into this installation.</p>
<ul><li><a href="/api/v1/docs">API documentation</a></li><li><a href="/api/v1/openapi.json">OpenAPI document</a></li>
<li><a href="/api/v1/status">Status</a></li><li><a href="/healthz">Health</a></li></ul></main></body></html>`;

export function registerWebRoutes(app: FastifyInstance, webRoot: string | null): void {
  app.get("/", { schema: { hide: true } }, async (_request, reply) => {
    if (webRoot === null) return reply.type("text/html; charset=utf-8").send(LANDING);
    return reply.type(CONTENT_TYPES[".html"] as string).send(await readFile(join(webRoot, "index.html")));
  });
  if (webRoot === null) return;
  app.get<{ Params: { "*": string } }>("/assets/*", { schema: { hide: true } }, async (request, reply) => {
    const relative = normalize(request.params["*"]).replace(/^(\.\.(\/|\\|$))+/, "");
    try {
      const body = await readFile(join(webRoot, "assets", relative));
      reply.header("cache-control", "public, max-age=31536000, immutable");
      return reply.type(CONTENT_TYPES[extname(relative)] ?? "application/octet-stream").send(body);
    } catch {
      return reply.status(404).send({ error: { code: "not_found", message: `no asset ${relative}` } });
    }
  });
}

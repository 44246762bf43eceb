// The read load of the API benchmark, run as its own process (`node bench/readLoad.ts URL GENERATOR REQUEST_ID`) so
// that the load generator does not share an event loop with the node. Prints autocannon's result as JSON.
import autocannon from "autocannon";

const [baseUrl, generator, requestId, seconds = "10", connections = "32"] = process.argv.slice(2);
if (!baseUrl || !generator || !requestId) {
  console.error("usage: node bench/readLoad.ts BASE_URL GENERATOR REQUEST_ID [SECONDS] [CONNECTIONS]");
  process.exit(2);
}
const result = await autocannon({
  url: baseUrl,
  connections: Number(connections),
  duration: Number(seconds),
  // The screens' reads: a generator's page, a request's page, the open requests and the activity feed.
  requests: [
    { method: "GET", path: `/api/v1/generators/${generator}` },
    { method: "GET", path: `/api/v1/requests/${requestId}` },
    { method: "GET", path: "/api/v1/requests?limit=20" },
    { method: "GET", path: "/api/v1/activity?limit=20" },
  ],
});
console.log(
  JSON.stringify({
    requestsPerSec: result.requests.average,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  }),
);

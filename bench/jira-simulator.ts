/**
 * The Jira simulator as its own process for benchmarks: serves the site on PORT and, on
 * CONTROL_PORT, `GET /requests` (what was received since the last call, then forgotten) so that
 * a benchmark can replay exactly what the gateway sends.
 */
import { createServer } from "node:http";
import { startJiraSimulator } from "../test/simulators/jira/index.ts";

const sim = await startJiraSimulator();
const controlPort = Number(process.env.CONTROL_PORT ?? 4921);
const control = createServer((request, response) => {
  if (request.url !== "/requests") return void response.writeHead(404).end();
  const requests = sim.state.requests.splice(0);
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ url: sim.url, credentials: sim.credentials, requests }));
});
// The recorded requests would grow without bound under load; keep only the latest few.
setInterval(() => sim.state.requests.splice(0, Math.max(0, sim.state.requests.length - 100)), 1_000).unref();
control.listen(controlPort, "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => {
  control.close();
  void sim.close().then(() => process.exit(0));
});

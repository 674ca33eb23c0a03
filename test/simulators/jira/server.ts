/** Starts the Jira Cloud REST v3 simulator on 127.0.0.1 (port 0) and hands back its controls. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dispatch } from "./dispatch.ts";
import { createFaultQueue, type FaultOptions, type JiraFault } from "./faults.ts";
import { jiraError, send } from "./http.ts";
import { createJiraSimState, type JiraSimCredentials, type JiraSimState } from "./state.ts";

export interface JiraSimulatorOptions extends Partial<JiraSimCredentials> {
  /** The site clock, for created/updated stamps and relative JQL dates. */
  now?: () => Date;
}

export interface JiraSimulator {
  /** The site base URL, for Basic auth (like `https://<site>.atlassian.net`). */
  url: string;
  /** The OAuth gateway base URL (like `https://api.atlassian.com/ex/jira/{cloudId}`). */
  gatewayUrl: string;
  credentials: JiraSimCredentials;
  /** `Authorization` header value for Basic auth with `credentials` (email and API token). */
  basicAuthorization: string;
  /** The live site: seeded from test/fixtures/jira, mutated by requests, with every request recorded. */
  state: JiraSimState;
  inject(fault: JiraFault, options?: FaultOptions): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startJiraSimulator(options: JiraSimulatorOptions = {}): Promise<JiraSimulator> {
  const { now = () => new Date(), ...given } = options;
  const credentials: JiraSimCredentials = {
    email: "mia@example.com",
    apiToken: "ATATT3xFfGF0-simulated-token",
    bearerToken: "eyJraWQiOiJzaW11bGF0ZWQiLCJhbGciOiJSUzI1NiJ9.simulated",
    cloudId: "11223344-a1b2-4b33-8c44-def123456789",
    ...given,
  };
  let url = "";
  const site = { state: createJiraSimState(credentials, now), faults: createFaultQueue(), baseUrl: () => url };
  const server = createServer((request, response) => {
    dispatch(site, request, response).catch(() => send(response, jiraError(500, ["Internal server error"])));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    gatewayUrl: `${url}/ex/jira/${credentials.cloudId}`,
    credentials,
    basicAuthorization: `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString("base64")}`,
    state: site.state,
    inject: (fault, faultOptions) => site.faults.arm(fault, faultOptions),
    clearFaults: () => site.faults.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests (the `hang` fault) would otherwise keep the server open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

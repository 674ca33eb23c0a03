/**
 * A browser tab watches an integration's health live: a page using graphql-ws's browser build
 * subscribes with an organization token, and its DOM follows the integration from HEALTHY to
 * FAILING as connector calls against the Jira simulator start failing.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, createOrganizationToken, seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { startJiraSimulator, type JiraSimulator } from "../simulators/jira/index.ts";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const graphqlWsDist = dirname(createRequire(import.meta.url).resolve("graphql-ws"));
const ticketQuery = '{ ticket(id: "EX-1") { key } }';

interface PageConfig {
  url: string;
  token: string;
  integrationId: string;
}

/** The status board: one line per integration health, the newest in `#health`. */
function statusPage(config: PageConfig): string {
  const json = JSON.stringify(config).replaceAll("<", "\\u003c");
  return `<!doctype html>
<meta charset="utf-8">
<title>Integration status</title>
<p>Health: <output id="health">UNKNOWN</output></p>
<ol id="history"></ol>
<script type="application/json" id="config">${json}</script>
<script type="module">
  import { createClient } from "/graphql-ws/client.js";
  const config = JSON.parse(document.getElementById("config").textContent);
  const client = createClient({
    url: config.url,
    retryAttempts: 0,
    connectionParams: { authorization: "Bearer " + config.token },
    on: { connected: () => (document.body.dataset.connection = "connected"), closed: () => (document.body.dataset.connection = "closed") },
  });
  client.subscribe(
    { query: "subscription ($id: ID!) { integrationStatusChanged(integrationId: $id) { health previousHealth } }", variables: { id: config.integrationId } },
    {
      next({ data, errors }) {
        if (errors) return void (document.body.dataset.error = JSON.stringify(errors));
        const { health } = data.integrationStatusChanged;
        document.getElementById("health").textContent = health;
        const line = document.createElement("li");
        line.textContent = health;
        document.getElementById("history").append(line);
      },
      error: (error) => (document.body.dataset.error = JSON.stringify(error)),
      complete: () => {},
    },
  );
</script>`;
}

/** Serves the page and graphql-ws's browser (ESM) build, nothing else. */
async function startPageServer(config: PageConfig): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path === "/") return void response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(statusPage(config));
    const file = /^\/graphql-ws\/([\w-]+\.js)$/.exec(path)?.[1];
    if (!file) return void response.writeHead(404).end();
    readFile(join(graphqlWsDist, file)).then(
      (body) => response.writeHead(200, { "content-type": "text/javascript" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe("a browser tab watching an integration's status", () => {
  let sim: JiraSimulator;
  let gateway: TestGateway;
  let pageServer: Server;
  let browser: Browser;
  let page: Page;
  let integrationToken: string;

  const healthShown = () => page.locator("#health").textContent();
  const callJira = () => gql(gateway, ticketQuery, { token: integrationToken, path: "/graphql/connector" });

  beforeAll(async () => {
    sim = await startJiraSimulator();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true", SWITCHYARD_PROVIDER_MAX_RETRIES: "0" });
    const admin = await seedAdminToken(gateway);
    const account = await createAccount(gateway, admin, "watched");
    const created = await createIntegration(gateway, admin, account.id, "jira", {
      ticketingJira: { apiBaseUrl: sim.url, credential: { basic: { username: sim.credentials.email, password: sim.credentials.apiToken } } },
    });
    integrationToken = created.tokens.accessToken;
    const viewer = (await createOrganizationToken(gateway, admin, { permissionSet: "VIEWER" })).body.data?.createOrganizationToken.tokens.accessToken;
    if (!viewer) throw new Error("no organization token");

    const served = await startPageServer({ url: `${gateway.url.replace(/^http/, "ws")}/graphql`, token: viewer, integrationId: created.integration.id });
    pageServer = served.server;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => document.body.dataset.connection === "connected", null, { timeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
    await gateway?.stop();
    await sim?.close();
  });

  it("shows HEALTHY after a successful call, then FAILING once the provider starts failing", async () => {
    // The subscription starts just after the socket connects; repeat the healthy call until the page has seen one.
    for (let attempt = 0; attempt < 20 && (await healthShown()) !== "HEALTHY"; attempt++) {
      expect((await callJira()).body.errors).toBeUndefined();
      await gateway.app.services.status.flush();
      await page.waitForFunction(() => document.getElementById("health")?.textContent === "HEALTHY", null, { timeout: 500 }).catch(() => {});
    }
    expect(await healthShown()).toBe("HEALTHY");

    sim.inject({ kind: "unavailable", retryAfterSeconds: null }, { times: 10, path: "/rest/api/3/issue/EX-1" });
    for (let call = 0; call < 4; call++) expect((await callJira()).body.errors?.[0]?.extensions?.code).toMatch(/^PROVIDER_|^CIRCUIT/);
    await gateway.app.services.status.flush();
    await page.waitForFunction(() => document.getElementById("health")?.textContent === "FAILING", null, { timeout: 10_000 });

    expect(await healthShown()).toBe("FAILING");
    const history = await page.locator("#history li").allTextContents();
    expect(history.at(-1)).toBe("FAILING");
    expect(history).toContain("HEALTHY");
    expect(await page.evaluate(() => document.body.dataset.error ?? null)).toBeNull();
  }, 60_000);
});

/** Wire details of the simulator that neither the adapter nor the SDK exercises: where Slack accepts a token, and warnings. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackSimulator, startSlackSimulator } from "../../simulators/slack/index.ts";

let sim: SlackSimulator;

beforeAll(async () => {
  sim = await startSlackSimulator();
});
afterAll(() => sim.close());

const call = async (method: string, init: RequestInit) => {
  const response = await fetch(`${sim.apiUrl}/${method}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("Slack simulator wire format", () => {
  it("takes the token from a form field, as Slack does for form posts", async () => {
    const body = new URLSearchParams({ token: sim.tokens.bot, channel: "C0ALERTS001", text: "form post" });
    await expect(call("chat.postMessage", { method: "POST", body })).resolves.toMatchObject({ status: 200, body: { ok: true, channel: "C0ALERTS001" } });
  });

  it("ignores a token inside a JSON body: JSON posts must use the Authorization header", async () => {
    const init = { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ token: sim.tokens.bot, channel: "C0ALERTS001", text: "x" }) };
    await expect(call("chat.postMessage", init)).resolves.toEqual({ status: 200, body: { ok: false, error: "not_authed" } });
  });

  it("warns about a JSON body without a charset but still serves it", async () => {
    const init = { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${sim.tokens.bot}` }, body: JSON.stringify({ channel: "C0ALERTS001", text: "x" }) };
    const { body } = await call("chat.postMessage", init);
    expect(body).toMatchObject({ ok: true, warning: "missing_charset", response_metadata: { warnings: ["missing_charset"] } });
  });

  it("answers unreadable JSON and unknown methods with ok:false at HTTP 200", async () => {
    const headers = { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${sim.tokens.bot}` };
    await expect(call("chat.postMessage", { method: "POST", headers, body: "{" })).resolves.toEqual({ status: 200, body: { ok: false, error: "invalid_json" } });
    await expect(call("chat.postMessage", { method: "POST", headers, body: "[1]" })).resolves.toEqual({ status: 200, body: { ok: false, error: "json_not_object" } });
    await expect(call("chat.nothing", { method: "POST", headers, body: "{}" })).resolves.toMatchObject({ body: { ok: false, error: "unknown_method" } });
  });

  it("refuses history windows Slack would refuse", async () => {
    const query = new URLSearchParams({ channel: "C0ALERTS001", latest: "yesterday" });
    const response = await fetch(`${sim.apiUrl}/conversations.history?${query}`, { headers: { authorization: `Bearer ${sim.tokens.bot}` } });
    expect(await response.json()).toEqual({ ok: false, error: "invalid_ts_latest" });
  });
});

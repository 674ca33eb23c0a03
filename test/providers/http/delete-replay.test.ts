/** A retried DELETE whose first attempt deleted the object but lost its answer: the retry's 404 is that attempt's success. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderRequest } from "../../../providers/http/types.ts";
import { providerFailure, testClient, type Reports } from "./transport-kit.ts";
import { json, startLocalServer, type Handler, type LocalServer } from "./local-server.ts";

let server: LocalServer;

const client = (reports: Reports = []) =>
  testClient(
    server.origin,
    {
      baseUrl: `${server.origin}/rest/api/3`,
      auth: { kind: "basic", username: "ana@example.com", password: "token" },
      descriptor: { providerId: "ticketing_jira", retryAfterHeader: "retry-after" },
    },
    reports,
  );

/** Jira's comment delete as its adapter sends it: the client errors, 404 included, come back for the adapter to read. */
const deleteComment: ProviderRequest & { acceptStatus: number[] } = {
  operation: "ticketing_delete_comment",
  method: "DELETE",
  path: "/issue/PROJ-1/comment/10001",
  acceptStatus: [400, 401, 403, 404],
};

/** A comment store behind the local server: DELETE removes comment 10001 and answers 204, or 404 once it is gone. */
function comments() {
  const stored = new Set(["10001"]);
  const idOf = (url: string | undefined) => url?.split("/").at(-1) ?? "";
  const remove: Handler = (request, response) => {
    if (!stored.delete(idOf(request.url))) return json(404, { errorMessages: ["Can not find a comment for the id: 10001."], errors: {} })(request, response);
    response.writeHead(204).end();
  };
  /** Deletes, then drops the connection before a byte of the answer is sent. */
  const removeThenDrop: Handler = (request) => {
    stored.delete(idOf(request.url));
    request.socket.destroy();
  };
  /** Deletes, then drops the connection halfway through the answer's body. */
  const removeThenCut: Handler = (request, response) => {
    stored.delete(idOf(request.url));
    response.writeHead(200, { "content-type": "application/json", "content-length": "64" }).write('{"deleted":');
    setTimeout(() => request.socket.destroy(), 10);
  };
  return { stored, remove, removeThenDrop, removeThenCut };
}


beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());

describe("a DELETE retried after an attempt that may have deleted the object", () => {
  it("answers the empty 2xx the adapter expects when the retry finds the object gone; the report keeps the real 404", async () => {
    const store = comments();
    const reports: Reports = [];
    server.script(store.removeThenDrop, store.remove);
    await expect(client(reports).request(deleteComment)).resolves.toMatchObject({ status: 204, body: null });
    expect(store.stored.size).toBe(0);
    expect(server.received.map((request) => request.method)).toEqual(["DELETE", "DELETE"]);
    expect(reports).toEqual([expect.objectContaining({ status: 404, attempts: 2 })]);
  });

  it("does the same when the answer was cut off mid-body, or a 5xx came back, since either may follow a completed delete", async () => {
    const cut = comments();
    server.script(cut.removeThenCut, cut.remove);
    await expect(client().request(deleteComment)).resolves.toMatchObject({ status: 204 });
    server.script(json(503, {}), json(404, {}));
    await expect(client().request(deleteComment)).resolves.toMatchObject({ status: 204 });
    server.script(json(503, {}), json(404, {}));
    await expect(client().request({ ...deleteComment, acceptStatus: [] })).resolves.toMatchObject({ status: 204 });
  });

  it("keeps a 404 on the first attempt, or after a 429 the provider refused unprocessed, as the provider's 404", async () => {
    server.script(json(404, {}));
    await expect(client().request(deleteComment)).resolves.toMatchObject({ status: 404 });
    expect((await providerFailure(client().request({ ...deleteComment, acceptStatus: [] }))).code).toBe("NOT_FOUND");
    server.script(json(429, {}, { "retry-after": "0" }), json(404, {}));
    expect((await providerFailure(client().request({ ...deleteComment, acceptStatus: [] }))).code).toBe("NOT_FOUND");
    expect(server.received).toHaveLength(2);
  });

  it("leaves other methods' 404s alone: a GET that finds nothing after a lost answer is NOT_FOUND", async () => {
    server.script((request) => request.socket.destroy(), json(404, {}));
    expect((await providerFailure(client().request({ operation: "ticketing_get_ticket", method: "GET", path: "/issue/PROJ-1" }))).code).toBe("NOT_FOUND");
    expect(server.received).toHaveLength(2);
  });
});

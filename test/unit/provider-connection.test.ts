/** Relay connections over provider pages, when an adapter's own filtering leaves a provider page empty. */
import { describe, expect, it } from "vitest";
import type { Page, PageRequest } from "../../providers/types.ts";
import { providerConnection } from "../../schema/connector/connection.ts";

/** Provider pages by cursor ("p0" is the first); records what was asked. */
function provider(pages: string[][]) {
  const asked: PageRequest[] = [];
  const fetchPage = async (request: PageRequest): Promise<Page<string>> => {
    asked.push(request);
    const index = request.cursor === null ? 0 : Number(request.cursor.slice(1));
    return { items: pages[index] ?? [], nextCursor: index + 1 < pages.length ? `p${index + 1}` : null };
  };
  return { asked, fetchPage };
}

describe("providerConnection", () => {
  it("reads on past emptied provider pages to the next item", async () => {
    const { asked, fetchPage } = provider([[], [], ["a", "b"], ["c"]]);
    const page = await providerConnection({ first: 2 }, fetchPage);
    expect(page.edges.map((edge) => edge.node)).toEqual(["a", "b"]);
    expect(asked.map((request) => request.cursor)).toEqual([null, "p1", "p2"]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await providerConnection({ first: 2, after: page.pageInfo.endCursor }, fetchPage);
    expect(next.edges.map((edge) => edge.node)).toEqual(["c"]);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it("stops after five provider pages with no edge but a cursor to go on from", async () => {
    const { asked, fetchPage } = provider([[], [], [], [], [], [], ["f"]]);
    const page = await providerConnection({ first: 10 }, fetchPage);
    expect(page.edges).toEqual([]);
    expect(asked).toHaveLength(5);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: expect.any(String) });
    const next = await providerConnection({ first: 10, after: page.pageInfo.endCursor }, fetchPage);
    expect(next.edges.map((edge) => edge.node)).toEqual(["f"]);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("answers first: 0 with no edge, reading one item to tell whether any follow, and a cursor that loses none", async () => {
    const { asked, fetchPage } = provider([["a", "b"], ["c"]]);
    const page = await providerConnection({ first: 0 }, fetchPage);
    expect(asked).toEqual([{ cursor: null, limit: 1 }]);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: null });
    const next = await providerConnection({ first: 10, after: page.pageInfo.endCursor }, fetchPage);
    expect(next.edges.map((edge) => edge.node)).toEqual(["a", "b"]);
  });

  it("ends with an empty last page and no cursor", async () => {
    const { fetchPage } = provider([[]]);
    const page = await providerConnection({ first: 10 }, fetchPage);
    expect(page).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });
});

/** `startsWith` and `contains` filters match text literally: `%`, `_` and `\` are not LIKE wildcards. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createOrganizationToken, logon } from "../helpers/flows.ts";
import { gql, seedTenant, type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";

let gateway: TestGateway;
let admin: string;

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  admin = (await logon(gateway, await seedTenant(gateway))).accessToken;
  await createAccount(gateway, admin, "alpha-one");
  await createAccount(gateway, admin, "beta");
  for (const name of ["ci_deploy_token", "ci-build"]) expect((await createOrganizationToken(gateway, admin, { permissionSet: "VIEWER", name })).body.errors).toBeUndefined();
});
afterAll(() => gateway.stop());

const accountNames = async (filter: Record<string, string>) =>
  (await gql<{ accounts: { edges: { node: { name: string } }[] } }>(gateway, "query($f: StringFilter) { accounts(filter: { name: $f }) { edges { node { name } } } }", { token: admin, variables: { f: filter } })).body.data?.accounts.edges
    .map((edge) => edge.node.name)
    .sort();

const tokenLabels = async (filter: Record<string, string>) =>
  (await gql<{ refreshTokens: { edges: { node: { name: string } }[] } }>(gateway, "query($f: StringFilter) { refreshTokens(filter: { name: $f }) { edges { node { name } } } }", { token: admin, variables: { f: filter } })).body.data?.refreshTokens.edges
    .map((edge) => edge.node.name)
    .sort();

describe("text filters", () => {
  it("treat % and _ as themselves, so they match no account name (names never contain them)", async () => {
    expect(await accountNames({ contains: "%" })).toEqual([]);
    expect(await accountNames({ contains: "_" })).toEqual([]);
    expect(await accountNames({ startsWith: "_" })).toEqual([]);
    expect(await accountNames({ startsWith: "%a" })).toEqual([]);
    expect(await accountNames({ contains: "\\" })).toEqual([]);
  });

  it("still match plain text by prefix and by substring, case-insensitively for contains", async () => {
    expect(await accountNames({ startsWith: "alpha" })).toEqual(["alpha-one"]);
    expect(await accountNames({ contains: "A-O" })).toEqual(["alpha-one"]);
    expect(await accountNames({ contains: "ta" })).toEqual(["beta"]);
  });

  it("match an underscore where the text has one", async () => {
    expect(await tokenLabels({ contains: "_deploy_" })).toEqual(["ci_deploy_token"]);
    expect(await tokenLabels({ startsWith: "ci_" })).toEqual(["ci_deploy_token"]);
  });
});

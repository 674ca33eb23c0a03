/** Credential management: one slug rule and one name per owner, unknown owners, and webhook secrets kept to webhook administrators. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, logon, requestCredential } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";
import { narrowedToken } from "./support.ts";

let gateway: TestGateway;
let admin: string;
let accountId: string;

const UPDATE = `mutation($input: UpdateCredentialInput!) { updateCredential(input: $input) { credentialId } }`;
const DELETE = `mutation($input: DeleteCredentialInput!) { deleteCredential(input: $input) { credentialId } }`;
const LIST = `query($id: ID!) { credentials(ownerId: $id) { edges { node { id name ownerType } } } }`;

const create = (name: string, ownerId = accountId, token = admin) => requestCredential(gateway, token, { ownerId, name, secret: { token: { token: "a-token-1234567890" } } });

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  admin = (await logon(gateway, await seedTenant(gateway))).accessToken;
  accountId = (await createAccount(gateway, admin, "acme")).id;
});

afterAll(async () => {
  await gateway?.stop();
});

describe("credential names", () => {
  it("follow the slug rule on create and rename, naming the field", async () => {
    const bad = await create("Not A Slug!");
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.body.errors?.[0]?.extensions?.field).toBe("name");
    const good = await create("jira-bot");
    expect(good.body.errors).toBeUndefined();
    const rename = await gql(gateway, UPDATE, { token: admin, variables: { input: { id: good.body.data!.createCredential.credentialId, name: "Jira Bot" } } });
    expect(errorCode(rename)).toBe("BAD_USER_INPUT");
  });

  it("are unique per owner: a duplicate is a CONFLICT, the same name on another owner is fine", async () => {
    expect((await create("shared-bot")).body.errors).toBeUndefined();
    expect(errorCode(await create("shared-bot"))).toBe("CONFLICT");
    const other = (await createAccount(gateway, admin, "beta")).id;
    expect((await create("shared-bot", other)).body.errors).toBeUndefined();
    const second = await create("second-bot");
    const rename = await gql(gateway, UPDATE, { token: admin, variables: { input: { id: second.body.data!.createCredential.credentialId, name: "shared-bot" } } });
    expect(errorCode(rename)).toBe("CONFLICT");
  });
});

describe("credentials(ownerId:)", () => {
  it("answers NOT_FOUND for an unknown owner, well-formed or not, and lists a known owner's", async () => {
    for (const id of ["0190f0e4-1111-7222-8333-444455556666", "not-an-id"]) {
      expect(errorCode(await gql(gateway, LIST, { token: admin, variables: { id } }))).toBe("NOT_FOUND");
    }
    const listed = await gql<{ credentials: { edges: { node: { ownerType: string } }[] } }>(gateway, LIST, { token: admin, variables: { id: accountId } });
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data!.credentials.edges.length).toBeGreaterThan(0);
  });
});

describe("a webhook's signing-secret credential", () => {
  it("is out of reach of an account-manager (no webhook permissions) and within reach of an administrator", async () => {
    const created = await gql<{ createOrganizationWebhook: { webhook: { id: string } } }>(
      gateway,
      `mutation { createOrganizationWebhook(input: { name: "hook", url: "https://hooks.example.com/in", events: [ACCOUNT_CREATED] }) { webhook { id } } }`,
      { token: admin },
    );
    const webhookId = created.body.data!.createOrganizationWebhook.webhook.id;
    const byAdmin = await gql<{ credentials: { edges: { node: { id: string; ownerType: string } }[] } }>(gateway, LIST, { token: admin, variables: { id: webhookId } });
    expect(byAdmin.body.data!.credentials.edges.map((edge) => edge.node.ownerType)).toEqual(["WEBHOOK"]);
    const secretId = byAdmin.body.data!.credentials.edges[0]!.node.id;

    const manager = await narrowedToken(gateway, admin, { permissionSet: "ACCOUNT_MANAGER" });
    const attempts = {
      list: await gql(gateway, LIST, { token: manager, variables: { id: webhookId } }),
      get: await gql(gateway, `query($id: ID!) { credential(id: $id) { id } }`, { token: manager, variables: { id: secretId } }),
      replace: await gql(gateway, UPDATE, { token: manager, variables: { input: { id: secretId, secret: { secret: { secret: "whsec_chosen-by-the-manager" } } } } }),
      remove: await gql(gateway, DELETE, { token: manager, variables: { input: { id: secretId } } }),
    };
    expect(Object.fromEntries(Object.entries(attempts).map(([name, response]) => [name, errorCode(response)]))).toEqual({
      list: "FORBIDDEN",
      get: "FORBIDDEN",
      replace: "FORBIDDEN",
      remove: "FORBIDDEN",
    });
    expect(JSON.stringify(attempts.list.body.data ?? null)).not.toContain(secretId);

    const renamed = await gql(gateway, UPDATE, { token: admin, variables: { input: { id: secretId, secret: { secret: { secret: "whsec_chosen-by-the-admin-1234" } } } } });
    expect(renamed.body.errors).toBeUndefined();
  });
});

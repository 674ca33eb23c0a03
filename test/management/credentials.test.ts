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
    const rename = await gql(gateway, UPDATE, { token: admin, variables: { input: { id: good.body.data!.createCredential.credential.id, name: "Jira Bot" } } });
    expect(errorCode(rename)).toBe("BAD_USER_INPUT");
  });

  it("are unique per owner: a duplicate is a CONFLICT, the same name on another owner is fine", async () => {
    expect((await create("shared-bot")).body.errors).toBeUndefined();
    expect(errorCode(await create("shared-bot"))).toBe("CONFLICT");
    const other = (await createAccount(gateway, admin, "beta")).id;
    expect((await create("shared-bot", other)).body.errors).toBeUndefined();
    const second = await create("second-bot");
    const rename = await gql(gateway, UPDATE, { token: admin, variables: { input: { id: second.body.data!.createCredential.credential.id, name: "shared-bot" } } });
    expect(errorCode(rename)).toBe("CONFLICT");
  });
});

describe("credential payloads", () => {
  const CREDENTIAL = `credential { id name type hint ownerType ownerId accountId createdAt updatedAt }`;
  type Shown = { id: string; name: string; type: string; hint: string; ownerType: string; ownerId: string; accountId: string; createdAt: string; updatedAt: string };

  it("return the credential as every other payload returns its object, never the secret; a delete returns the id, as every delete does", async () => {
    const secret = "payload-token-1234567890";
    const created = await gql<{ createCredential: { credential: Shown } }>(
      gateway,
      `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { ${CREDENTIAL} } }`,
      { token: admin, variables: { input: { ownerId: accountId, name: "payload-bot", secret: { token: { token: secret } } } } },
    );
    expect(created.body.errors).toBeUndefined();
    const credential = created.body.data!.createCredential.credential;
    expect(credential).toMatchObject({ name: "payload-bot", type: "TOKEN", ownerType: "ACCOUNT", ownerId: accountId, accountId });
    expect(credential.hint).not.toBe(secret);

    const updated = await gql<{ updateCredential: { credential: Shown } }>(
      gateway,
      `mutation($input: UpdateCredentialInput!) { updateCredential(input: $input) { ${CREDENTIAL} } }`,
      { token: admin, variables: { input: { id: credential.id, name: "payload-bot-renamed", secret: { token: { token: `${secret}-next` } } } } },
    );
    expect(updated.body.errors).toBeUndefined();
    const after = updated.body.data!.updateCredential.credential;
    expect(after).toMatchObject({ id: credential.id, name: "payload-bot-renamed", createdAt: credential.createdAt });
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(credential.updatedAt));
    expect(JSON.stringify([created.body, updated.body])).not.toContain(secret);

    const deleted = await gql<{ deleteCredential: { id: string } }>(gateway, `mutation($input: DeleteCredentialInput!) { deleteCredential(input: $input) { id } }`, {
      token: admin,
      variables: { input: { id: credential.id } },
    });
    expect(deleted.body).toEqual({ data: { deleteCredential: { id: credential.id } } });
  });

  it("still answer the deprecated credentialId, on create, update and delete alike", async () => {
    const created = await gql<{ createCredential: { credentialId: string } }>(gateway, "mutation($input: CreateCredentialInput!) { createCredential(input: $input) { credentialId } }", {
      token: admin,
      variables: { input: { ownerId: accountId, name: "deprecated-bot", secret: { token: { token: "a-token-1234567890" } } } },
    });
    const id = created.body.data!.createCredential.credentialId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await gql(gateway, UPDATE, { token: admin, variables: { input: { id, name: "deprecated-bot-2" } } })).body.data).toEqual({ updateCredential: { credentialId: id } });
    expect((await gql(gateway, DELETE, { token: admin, variables: { input: { id } } })).body.data).toEqual({ deleteCredential: { credentialId: id } });
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

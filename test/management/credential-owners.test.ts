/**
 * A credential's owner: the database keeps names unique per owner (also between concurrent
 * requests), the names the gateway makes itself are slugs, and only accounts and integration points
 * take credentials through createCredential.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, logon, requestCredential } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";

let gateway: TestGateway;
let admin: string;
let accountId: string;

type Listed = { credentials: { edges: { node: { id: string; name: string; ownerType: string; hint: string } }[] } };

const LIST = `query($id: ID!) { credentials(ownerId: $id) { edges { node { id name ownerType hint } } } }`;

const create = (ownerId: string, name: string) => requestCredential(gateway, admin, { ownerId, name, secret: { token: { token: "a-token-1234567890" } } });

const list = async (ownerId: string) => {
  const response = await gql<Listed>(gateway, LIST, { token: admin, variables: { id: ownerId } });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.credentials.edges.map((edge) => edge.node);
};

const jira = (password: string) => ({ ticketingJira: { siteUrl: "https://acme.atlassian.net", credential: { basic: { username: "bot@example.com", password } } } });

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  admin = (await logon(gateway, await seedTenant(gateway))).accessToken;
  accountId = (await createAccount(gateway, admin, "acme")).id;
});

afterAll(async () => {
  await gateway?.stop();
});

describe("one name per owner", () => {
  it("holds between two concurrent creates: exactly one succeeds, the other is a CONFLICT naming the name", async () => {
    const answers = await Promise.all([create(accountId, "race-bot"), create(accountId, "race-bot")]);
    const created = answers.filter((answer) => answer.body.errors === undefined);
    const refused = answers.filter((answer) => answer.body.errors !== undefined);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(errorCode(refused[0]!)).toBe("CONFLICT");
    expect(refused[0]!.body.errors?.[0]?.message).toBe("Credential with this name already exists");
    expect((await list(accountId)).filter((credential) => credential.name === "race-bot")).toHaveLength(1);
  });

  it("holds between concurrent renames to the same name", async () => {
    const ids = await Promise.all(["rename-a", "rename-b"].map(async (name) => (await create(accountId, name)).body.data!.createCredential.credential.id));
    const rename = (id: string) => gql(gateway, `mutation($input: UpdateCredentialInput!) { updateCredential(input: $input) { credential { id } } }`, { token: admin, variables: { input: { id, name: "renamed" } } });
    const answers = await Promise.all(ids.map(rename));
    expect(answers.map((answer) => errorCode(answer) ?? "OK").sort()).toEqual(["CONFLICT", "OK"]);
  });
});

describe("names the gateway makes", () => {
  it("are slugs: an integration's own credential and a webhook's signing secret", async () => {
    const integration = await gql<{ createIntegration: { integration: { id: string } } }>(
      gateway,
      `mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } } }`,
      { token: admin, variables: { input: { accountId, name: "jira", provider: jira("first-password-1111") } } },
    );
    expect(integration.body.errors).toBeUndefined();
    expect(await list(integration.body.data!.createIntegration.integration.id)).toMatchObject([{ name: "provider-credential", ownerType: "INTEGRATION" }]);

    const webhook = await gql<{ createOrganizationWebhook: { webhook: { id: string } } }>(
      gateway,
      `mutation { createOrganizationWebhook(input: { name: "hook", url: "https://hooks.example.com/in", events: [ACCOUNT_CREATED] }) { webhook { id } } }`,
      { token: admin },
    );
    expect(await list(webhook.body.data!.createOrganizationWebhook.webhook.id)).toMatchObject([{ name: "signing-secret", ownerType: "WEBHOOK" }]);
  });

  it("cannot collide when an integration's own secret is replaced: the one credential it owns takes the new secret", async () => {
    const created = await gql<{ createIntegration: { integration: { id: string } } }>(
      gateway,
      `mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } } }`,
      { token: admin, variables: { input: { accountId, name: "jira-replaced", provider: jira("first-password-1111") } } },
    );
    const integrationId = created.body.data!.createIntegration.integration.id;
    const [before] = await list(integrationId);
    const replaced = await gql(gateway, `mutation($input: UpdateIntegrationInput!) { updateIntegration(input: $input) { integration { id } } }`, {
      token: admin,
      variables: { input: { id: integrationId, provider: jira("second-password-2222") } },
    });
    expect(replaced.body.errors).toBeUndefined();
    expect(await list(integrationId)).toEqual([{ ...before, hint: "bot@example.com / …2222" }]);
  });
});

describe("createCredential's owner", () => {
  it("is an account or an integration point; an integration's or a webhook's id is refused on ownerId", async () => {
    const point = await gql<{ createIntegrationPoint: { integrationPoint: { id: string } } }>(
      gateway,
      `mutation { createIntegrationPoint(input: { name: "ticketing", connector: TICKETING }) { integrationPoint { id } } }`,
      { token: admin },
    );
    expect(point.body.errors).toBeUndefined();
    expect((await create(point.body.data!.createIntegrationPoint.integrationPoint.id, "point-bot")).body.errors).toBeUndefined();

    const integration = await gql<{ createIntegration: { integration: { id: string } } }>(
      gateway,
      `mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } } }`,
      { token: admin, variables: { input: { accountId, name: "jira-owner", provider: jira("owner-password-3333") } } },
    );
    const webhook = await gql<{ createOrganizationWebhook: { webhook: { id: string } } }>(
      gateway,
      `mutation { createOrganizationWebhook(input: { name: "owner-hook", url: "https://hooks.example.com/in", events: [ACCOUNT_CREATED] }) { webhook { id } } }`,
      { token: admin },
    );
    for (const ownerId of [integration.body.data!.createIntegration.integration.id, webhook.body.data!.createOrganizationWebhook.webhook.id]) {
      const refused = await create(ownerId, "extra-bot");
      expect(errorCode(refused)).toBe("BAD_USER_INPUT");
      expect(refused.body.errors?.[0]?.extensions?.field).toBe("ownerId");
      expect(await list(ownerId)).toHaveLength(1);
    }
  });
});

describe("a webhook's signing secret", () => {
  it("cannot be deleted on its own, which would leave every delivery unsigned and refused; the list counts it", async () => {
    const webhook = await gql<{ createOrganizationWebhook: { webhook: { id: string } } }>(
      gateway,
      `mutation { createOrganizationWebhook(input: { name: "kept-hook", url: "https://hooks.example.com/in", events: [ACCOUNT_CREATED] }) { webhook { id } } }`,
      { token: admin },
    );
    const webhookId = webhook.body.data!.createOrganizationWebhook.webhook.id;
    const [secret] = await list(webhookId);
    const refused = await gql(gateway, `mutation($input: DeleteCredentialInput!) { deleteCredential(input: $input) { id } }`, {
      token: admin,
      variables: { input: { id: secret!.id } },
    });
    expect(errorCode(refused)).toBe("BAD_USER_INPUT");
    expect(refused.body.errors?.[0]?.extensions?.field).toBe("id");
    const counted = await gql<{ credentials: { totalCount: number } }>(gateway, `query($id: ID!) { credentials(ownerId: $id) { totalCount } }`, { token: admin, variables: { id: webhookId } });
    expect(counted.body.data?.credentials.totalCount).toBe(1);
  });

  it("is replaced by concurrent rotations one after the other: all answer, and one credential remains, holding one of their secrets", async () => {
    const webhook = await gql<{ createOrganizationWebhook: { webhook: { id: string } } }>(
      gateway,
      `mutation { createOrganizationWebhook(input: { name: "rotated-hook", url: "https://hooks.example.com/in", events: [ACCOUNT_CREATED] }) { webhook { id } } }`,
      { token: admin },
    );
    const id = webhook.body.data!.createOrganizationWebhook.webhook.id;
    const rotate = () =>
      gql<{ rotateOrganizationWebhookSecret: { signingSecret: string } }>(gateway, `mutation($input: RotateOrganizationWebhookSecretInput!) { rotateOrganizationWebhookSecret(input: $input) { signingSecret } }`, {
        token: admin,
        variables: { input: { id } },
      });
    const answers = await Promise.all([rotate(), rotate(), rotate()]);
    expect(answers.map((answer) => answer.body.errors)).toEqual([undefined, undefined, undefined]);
    const secrets = answers.map((answer) => answer.body.data!.rotateOrganizationWebhookSecret.signingSecret);
    const kept = await list(id);
    expect(kept).toHaveLength(1);
    expect(secrets.filter((secret) => secret.endsWith(kept[0]!.hint.replace("…", "")))).toHaveLength(1);
  });
});

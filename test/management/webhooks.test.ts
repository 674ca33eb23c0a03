import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, logon, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { narrowedToken } from "./support.ts";

const CreateWebhookMutation = graphql(`
  mutation CreateOrganizationWebhookForTest($input: CreateOrganizationWebhookInput!) {
    createOrganizationWebhook(input: $input) {
      signingSecret
      webhook { id name url events enabled signingSecretHint createdAt updatedAt }
    }
  }
`);

const UpdateWebhookMutation = graphql(`
  mutation UpdateOrganizationWebhookForTest($input: UpdateOrganizationWebhookInput!) {
    updateOrganizationWebhook(input: $input) { webhook { id name url events enabled signingSecretHint } }
  }
`);

const RotateWebhookSecretMutation = graphql(`
  mutation RotateOrganizationWebhookSecretForTest($input: RotateOrganizationWebhookSecretInput!) {
    rotateOrganizationWebhookSecret(input: $input) { signingSecret webhook { id signingSecretHint } }
  }
`);

const DeleteWebhookMutation = graphql(`
  mutation DeleteOrganizationWebhookForTest($input: DeleteOrganizationWebhookInput!) {
    deleteOrganizationWebhook(input: $input) { id }
  }
`);

const WebhookQuery = graphql(`
  query OrganizationWebhookForTest($id: ID!) {
    organizationWebhook(id: $id) { id name url events enabled signingSecretHint createdAt updatedAt }
  }
`);

const WebhooksQuery = graphql(`
  query OrganizationWebhooksForTest($filter: OrganizationWebhookFilter) {
    organizationWebhooks(filter: $filter) { totalCount edges { cursor node { id name url events enabled signingSecretHint } } }
  }
`);

const WebhookCredentialsQuery = graphql(`
  query OrganizationWebhookCredentialsForTest($ownerId: ID!) {
    credentials(ownerId: $ownerId) { edges { node { id name type hint ownerType ownerId } } }
  }
`);

const WebhookAuditQuery = graphql(`
  query OrganizationWebhookAuditForTest($filter: AuditEventFilter) {
    auditEvents(filter: $filter) {
      edges { node { id time actorType actorId tokenId action resourceType resourceId accountId integrationId outcome reason requestId remoteAddress } }
    }
  }
`);

const events = ["ACCOUNT_CREATED", "INTEGRATION_STATUS_CHANGED"] as const;

describe("organization webhooks", () => {
  let gateway: TestGateway;
  let localGateway: TestGateway;
  let admin: string;
  let viewer: string;
  let otherTenantAdmin: string;

  const create = (token: string, input: { name: string; url?: string; events?: readonly string[]; enabled?: boolean }, on = gateway) =>
    gql(on, CreateWebhookMutation, { token, variables: { input: { url: "https://hooks.example.com/switchyard", events, ...input } as never } });

  async function createWebhook(name: string, input: { url?: string; events?: readonly string[]; enabled?: boolean } = {}) {
    const response = await create(admin, { name, ...input });
    expect(response.body.errors).toBeUndefined();
    const created = response.body.data?.createOrganizationWebhook;
    if (!created) throw new Error("createOrganizationWebhook failed");
    return created;
  }

  beforeAll(async () => {
    // One embedded database at a time, as every other file does: this was the only file starting and
    // stopping two at once, and the one a Node 24 CI run lost to a test process that died.
    gateway = await startGateway();
    localGateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    admin = await seedAdminToken(gateway);
    viewer = await narrowedToken(gateway, admin, { permissionSet: "VIEWER" });
    otherTenantAdmin = await seedAdminToken(gateway);
  });
  afterAll(async () => {
    await gateway?.stop();
    await localGateway?.stop();
  });

  it("creates a webhook and returns its signing secret once, and never again", async () => {
    const { webhook, signingSecret } = await createWebhook("orders", { enabled: false });
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({
      name: "orders",
      url: "https://hooks.example.com/switchyard",
      events: [...events],
      enabled: false,
      signingSecretHint: `…${signingSecret.slice(-4)}`,
    });

    const responses = [
      await gql(gateway, WebhookQuery, { token: admin, variables: { id: webhook.id } }),
      await gql(gateway, WebhooksQuery, { token: admin, variables: {} }),
      await gql(gateway, WebhookCredentialsQuery, { token: admin, variables: { ownerId: webhook.id } }),
      await gql(gateway, WebhookAuditQuery, { token: admin, variables: {} }),
    ];
    for (const response of responses) {
      expect(response.body.errors).toBeUndefined();
      expect(JSON.stringify(response.body)).not.toContain(signingSecret);
      expect(JSON.stringify(response.body)).not.toContain(signingSecret.slice("whsec_".length, -4));
    }
    expect(responses[0]?.body.data).toMatchObject({ organizationWebhook: { id: webhook.id, signingSecretHint: webhook.signingSecretHint } });
    expect(responses[2]?.body.data).toMatchObject({
      credentials: { edges: [{ node: { type: "SECRET", ownerType: "WEBHOOK", ownerId: webhook.id, hint: webhook.signingSecretHint } }] },
    });
    const stored = await gateway.app.database.prisma.credential.findMany({ where: { webhookId: webhook.id } });
    expect(Buffer.from(stored[0]?.ciphertext ?? []).toString("latin1")).not.toContain(signingSecret);
  });

  it("rotates the signing secret: a new one, shown once, replacing the old", async () => {
    const { webhook, signingSecret } = await createWebhook("rotating");
    const rotated = await gql(gateway, RotateWebhookSecretMutation, { token: admin, variables: { input: { id: webhook.id } } });
    const next = rotated.body.data?.rotateOrganizationWebhookSecret;
    expect(next?.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(next?.signingSecret).not.toBe(signingSecret);
    expect(next?.webhook.signingSecretHint).toBe(`…${next?.signingSecret.slice(-4)}`);

    const credentials = await gql(gateway, WebhookCredentialsQuery, { token: admin, variables: { ownerId: webhook.id } });
    expect(credentials.body.data?.credentials.edges).toHaveLength(1);
    const everything = JSON.stringify([
      (await gql(gateway, WebhookQuery, { token: admin, variables: { id: webhook.id } })).body,
      (await gql(gateway, WebhooksQuery, { token: admin, variables: {} })).body,
      credentials.body,
      (await gql(gateway, WebhookAuditQuery, { token: admin, variables: { filter: { resourceId: webhook.id } } })).body,
    ]);
    for (const secret of [signingSecret, next?.signingSecret ?? "missing"]) expect(everything).not.toContain(secret);

    const audit = await gql(gateway, WebhookAuditQuery, { token: admin, variables: { filter: { resourceId: webhook.id } } });
    expect(audit.body.data?.auditEvents.edges.map((edge) => edge.node.action)).toEqual(["webhooks.rotate-secret", "webhooks.create"]);
  });

  it("updates and filters webhooks, and deletes one with its secret", async () => {
    const { webhook } = await createWebhook("changing");
    const updated = await gql(gateway, UpdateWebhookMutation, {
      token: admin,
      variables: { input: { id: webhook.id, name: "changed", url: "https://receiver.example.org/in?team=ops", events: ["ACCOUNT_DELETED", "ACCOUNT_DELETED"], enabled: false } },
    });
    expect(updated.body.data?.updateOrganizationWebhook.webhook).toMatchObject({
      name: "changed",
      url: "https://receiver.example.org/in?team=ops",
      events: ["ACCOUNT_DELETED"],
      enabled: false,
      signingSecretHint: webhook.signingSecretHint,
    });

    const disabled = await gql(gateway, WebhooksQuery, { token: admin, variables: { filter: { enabled: false, events: ["ACCOUNT_DELETED", "INTEGRATION_DELETED"] } } });
    expect(disabled.body.data?.organizationWebhooks.edges.map((edge) => edge.node.name)).toEqual(["changed"]);
    const byName = await gql(gateway, WebhooksQuery, { token: admin, variables: { filter: { name: { eq: "changed" }, enabled: true } } });
    expect(byName.body.data?.organizationWebhooks.totalCount).toBe(0);

    const deleted = await gql(gateway, DeleteWebhookMutation, { token: admin, variables: { input: { id: webhook.id } } });
    expect(deleted.body.data?.deleteOrganizationWebhook.id).toBe(webhook.id);
    expect(errorCode(await gql(gateway, WebhookQuery, { token: admin, variables: { id: webhook.id } }))).toBe("NOT_FOUND");
    expect(await gateway.app.database.prisma.credential.count({ where: { webhookId: webhook.id } })).toBe(0);

    const audit = await gql(gateway, WebhookAuditQuery, { token: admin, variables: { filter: { resourceType: ["OrganizationWebhook"], resourceId: webhook.id } } });
    expect(audit.body.data?.auditEvents.edges.map((edge) => edge.node.action)).toEqual(["webhooks.delete", "webhooks.update", "webhooks.create"]);
  });

  it("refuses URLs that are not https, carry credentials, are too long or point at this machine, naming the field", async () => {
    const refused = [
      "http://hooks.example.com/in",
      "ftp://hooks.example.com/in",
      "https://user:pass@hooks.example.com/in",
      `https://hooks.example.com/${"a".repeat(2048)}`,
      "not a url",
      "https://127.0.0.1/in",
      "https://localhost:8443/in",
      "https://[::1]/in",
      "https://10.1.2.3/in",
      "https://[::ffff:169.254.169.254]/latest/meta-data",
      "https://0x7f.1/in",
      "http://localhost:9000/in",
    ];
    for (const [index, url] of refused.entries()) {
      const response = await create(admin, { name: `bad-url-${index}`, url });
      expect(response.body.errors?.[0]?.extensions, url).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
      expect(JSON.stringify(response.body)).not.toContain("pass@");
    }
    const { webhook } = await createWebhook("good-url");
    const update = await gql(gateway, UpdateWebhookMutation, { token: admin, variables: { input: { id: webhook.id, url: "http://hooks.example.com/in" } } });
    expect(update.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
  });

  it("accepts plain http to localhost only where private networks are allowed", async () => {
    const localAdmin = (await logon(localGateway, await seedTenant(localGateway))).accessToken;
    for (const url of ["http://localhost:9000/in", "http://127.0.0.1:9000/in"]) {
      const response = await create(localAdmin, { name: `local-${url.includes("localhost") ? "name" : "ip"}`, url }, localGateway);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.createOrganizationWebhook.webhook.url).toBe(url);
    }
    const elsewhere = await create(localAdmin, { name: "local-remote", url: "http://hooks.example.com/in" }, localGateway);
    expect(elsewhere.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
  });

  it("refuses an empty event list, bad names and taken names", async () => {
    const empty = await create(admin, { name: "no-events", events: [] });
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "events" });
    const badName = await create(admin, { name: "Bad Name" });
    expect(badName.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });

    await createWebhook("taken-hook");
    const { webhook } = await createWebhook("free-hook");
    const taken = await create(admin, { name: "taken-hook" });
    expect(taken.body.errors?.[0]).toMatchObject({ message: "Webhook with this name already exists", extensions: { code: "CONFLICT" } });
    const rename = await gql(gateway, UpdateWebhookMutation, { token: admin, variables: { input: { id: webhook.id, name: "taken-hook" } } });
    expect(rename.body.errors?.[0]).toMatchObject({ message: "Webhook with this name already exists", extensions: { code: "CONFLICT" } });
  });

  it("lets a viewer read webhooks but not create, change, rotate or delete them", async () => {
    const { webhook } = await createWebhook("viewer-visible");
    const read = await gql(gateway, WebhookQuery, { token: viewer, variables: { id: webhook.id } });
    expect(read.body.data?.organizationWebhook.name).toBe("viewer-visible");

    const attempts = [
      await create(viewer, { name: "viewer-made" }),
      await gql(gateway, UpdateWebhookMutation, { token: viewer, variables: { input: { id: webhook.id, enabled: false } } }),
      await gql(gateway, RotateWebhookSecretMutation, { token: viewer, variables: { input: { id: webhook.id } } }),
      await gql(gateway, DeleteWebhookMutation, { token: viewer, variables: { input: { id: webhook.id } } }),
    ];
    for (const attempt of attempts) {
      expect(errorCode(attempt)).toBe("FORBIDDEN");
      expect(attempt.body.data).toBeNull();
    }
    const denied = await gql(gateway, WebhookAuditQuery, { token: admin, variables: { filter: { outcome: ["DENIED"], action: { eq: "webhooks.rotate-secret" }, resourceId: webhook.id } } });
    expect(denied.body.data?.auditEvents.edges).toHaveLength(1);
  });

  it("refuses tokens restricted to accounts, since a webhook receives every account's events", async () => {
    const account = await createAccount(gateway, admin, "webhook-restricted");
    const restricted = await narrowedToken(gateway, admin, { permissionSet: "MEMBER", accountIds: [account.id] });
    const { webhook } = await createWebhook("org-wide");
    expect(errorCode(await create(restricted, { name: "restricted-made" }))).toBe("FORBIDDEN");
    const rotate = await gql(gateway, RotateWebhookSecretMutation, { token: restricted, variables: { input: { id: webhook.id } } });
    expect(errorCode(rotate)).toBe("FORBIDDEN");
    expect(JSON.stringify(rotate.body)).not.toContain("whsec_");

    const denied = await gql(gateway, WebhookAuditQuery, { token: admin, variables: { filter: { outcome: ["DENIED"], resourceType: ["OrganizationWebhook"] } } });
    // The newest two are this test's; older ones are the viewer's refusals above.
    expect(denied.body.data?.auditEvents.edges.slice(0, 2).map((edge) => [edge.node.action, edge.node.reason])).toEqual([
      ["webhooks.rotate-secret", expect.stringContaining("restricted to accounts")],
      ["webhooks.create", expect.stringContaining("restricted to accounts")],
    ]);
  });

  it("answers NOT_FOUND for another tenant's webhook and for malformed ids", async () => {
    const { webhook } = await createWebhook("private-hook");
    for (const [token, id] of [[otherTenantAdmin, webhook.id], [admin, "not-a-uuid"], [admin, "00000000-0000-7000-8000-000000000000"]] as const) {
      const notFound = { message: "Webhook not found", extensions: { code: "NOT_FOUND" } };
      expect((await gql(gateway, WebhookQuery, { token, variables: { id } })).body.errors?.[0]).toMatchObject(notFound);
      expect((await gql(gateway, UpdateWebhookMutation, { token, variables: { input: { id, enabled: false } } })).body.errors?.[0]).toMatchObject(notFound);
      const rotate = await gql(gateway, RotateWebhookSecretMutation, { token, variables: { input: { id } } });
      expect(rotate.body.errors?.[0]).toMatchObject(notFound);
      expect(JSON.stringify(rotate.body)).not.toContain("whsec_");
      expect((await gql(gateway, DeleteWebhookMutation, { token, variables: { input: { id } } })).body.errors?.[0]).toMatchObject(notFound);
    }
    const foreignList = await gql(gateway, WebhooksQuery, { token: otherTenantAdmin, variables: {} });
    expect(foreignList.body.data?.organizationWebhooks.totalCount).toBe(0);
    const untouched = await gql(gateway, WebhookQuery, { token: admin, variables: { id: webhook.id } });
    expect(untouched.body.data?.organizationWebhook).toMatchObject({ enabled: true, signingSecretHint: webhook.signingSecretHint });
  });
});

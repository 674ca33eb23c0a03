/** Who is calling: nobody, a management-layer organization token, or a connector-layer integration token. */
import type { Permission } from "./permissions.ts";

export interface AnonymousViewer {
  kind: "anonymous";
}

interface TokenViewer {
  tenantId: string;
  organizationId: string;
  refreshTokenId: string;
  tokenId: string;
  expiresAt: Date;
}

export interface OrganizationViewer extends TokenViewer {
  kind: "organization";
  /** The member the token acts for; null for tokens not tied to a member. */
  memberId: string | null;
  /** A member's logon session, rather than a token minted from one. */
  session: boolean;
  permissions: ReadonlySet<Permission>;
  /** Null: every account of the organization. */
  accountIds: readonly string[] | null;
  /** A connect token's integration point: it creates and verifies integrations under this point only. */
  integrationPointId: string | null;
}

export interface IntegrationViewer extends TokenViewer {
  kind: "integration";
  accountId: string;
  integrationId: string;
}

export type Viewer = AnonymousViewer | OrganizationViewer | IntegrationViewer;

export const anonymous: AnonymousViewer = { kind: "anonymous" };

/** Each connector's adapter interface, by connector id. */
import type { CloudSecurityAdapter } from "./cloudsecurity.ts";
import type { IdentityAdapter } from "./identity.ts";
import type { NotificationsAdapter } from "./notifications.ts";
import type { TicketingAdapter } from "./ticketing.ts";

export interface ConnectorAdapters {
  ticketing: TicketingAdapter;
  identity: IdentityAdapter;
  notifications: NotificationsAdapter;
  cloudsecurity: CloudSecurityAdapter;
}

/** Notifications in the unified model: messages and the adapter interface. */
import type { VerifiableAdapter } from "./common.ts";

export interface NotificationMessage {
  /** Opaque id that encodes channel and message (Slack: `<channel>:<ts>`). */
  id: string;
  channel: string;
  text: string;
  createdAt: string | null;
  updatedAt: string | null;
  raw: unknown;
}

export interface NotificationInput {
  text: string;
  /** Overrides the integration's configured channel. */
  channel?: string | null;
  threadId?: string | null;
}

export interface NotificationsAdapter extends VerifiableAdapter {
  createMessage(input: NotificationInput): Promise<NotificationMessage>;
  getMessage(id: string): Promise<NotificationMessage>;
  updateMessage(id: string, text: string): Promise<NotificationMessage>;
  clearMessage(id: string): Promise<void>;
}

/** Decrypted credentials, as handed to adapters (and only to adapters). */

export type ProviderCredential =
  | { type: "TOKEN"; token: string }
  | { type: "BASIC"; username: string; password: string }
  | { type: "SECRET"; secret: string }
  | { type: "AWS"; accessKeyId: string; secretAccessKey: string; sessionToken?: string | null }
  | { type: "OAUTH_CLIENT"; clientId: string; clientSecret: string; tokenUrl?: string | null };

export type CredentialType = ProviderCredential["type"];

/** Password hashing with Argon2id (OWASP's first choice), via prebuilt native bindings. */
import { hash, verify } from "@node-rs/argon2";

// OWASP's minimum for Argon2id: m=19 MiB, t=2, p=1.
const parameters = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, parameters);
}

let decoy: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash it still spends the time of one verification, so a
 * caller cannot tell an unknown email from a wrong password by the response time.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    decoy ??= hashPassword("switchyard-decoy-password");
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

export const passwordRules = { minLength: 12, maxLength: 256 } as const;

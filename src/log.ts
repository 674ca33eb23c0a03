/** The process logger: JSON lines, with credentials redacted wherever they might appear. */
import pino, { type Logger } from "pino";

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "switchyard" },
    redact: {
      paths: ["authorization", "*.authorization", "password", "*.password", "*.secret", "*.token", "*.refreshToken", "*.accessToken"],
      censor: "[redacted]",
    },
  });
}

/** The process logger: JSON lines, with credentials redacted wherever they might appear. */
import pino, { type DestinationStream, type Logger } from "pino";

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "switchyard" },
    redact: {
      paths: ["authorization", "*.authorization", "password", "*.password", "*.secret", "*.token", "*.refreshToken", "*.accessToken"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

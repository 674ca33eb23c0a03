/** The settings every mock provider accepts: none required, an optional label. */
import { z } from "zod";
import type { ConfigField } from "../definition.ts";

export const mockConfigSchema = z.object({ label: z.string().max(128).optional() }).strict();

export type MockConfig = z.infer<typeof mockConfigSchema>;

export const mockConfigFields: ConfigField[] = [
  { name: "label", description: "Optional free-form label kept with the configuration.", required: false, type: "string" },
];

import type { z } from "zod";

/**
 * A bad or missing setting at start-up. The message names every wrong
 * variable with what to do, one per line, and never echoes a value.
 */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service} cannot start, fix these settings (see .env.example):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses environment variables with a zod schema, turning every issue into a
 * line naming the variable (values are left out: they may be secrets).
 */
export function parseEnvConfig<Schema extends z.ZodType>(
  service: string,
  schema: Schema,
  env: Record<string, string | undefined>,
): z.infer<Schema> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const variable = issue.path.join(".") || "(environment)";
    const missing = issue.code === "invalid_type" && env[variable] === undefined;
    return missing ? `${variable} is missing: ${issue.message}` : `${variable}: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}

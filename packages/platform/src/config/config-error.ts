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
    super(
      `${service} cannot start, fix these settings (see .env.example):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/**
 * Parses environment variables with a zod schema, turning every issue into a
 * line naming the variable (values are left out: they may be secrets).
 *
 * @param requiredTogether checks across variables, run on the raw environment
 *   even when the schema fails, so one start-up names every problem at once
 */
export function parseEnvConfig<Schema extends z.ZodType>(
  service: string,
  schema: Schema,
  env: Record<string, string | undefined>,
  requiredTogether: (given: Record<string, string | undefined>) => string[] = () => [],
): z.infer<Schema> {
  // An empty variable (`KEY=` in .env) means "not set", as most tools read it.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(given);
  const crossProblems = requiredTogether(given);
  if (parsed.success && crossProblems.length === 0) return parsed.data;
  const issues = parsed.success ? [] : parsed.error.issues;
  const problems = issues.map((issue) => {
    const variable = issue.path.join(".") || "(environment)";
    const missing = issue.code === "invalid_type" && given[variable] === undefined;
    return missing ? `${variable} is missing: ${issue.message}` : `${variable}: ${issue.message}`;
  });
  throw new ConfigError(service, [...problems, ...crossProblems]);
}

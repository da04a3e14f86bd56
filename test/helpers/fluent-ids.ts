import { readFileSync } from "node:fs";

/** Message ids of a Fluent file: lines `id = …` (terms, comments and variants start otherwise). */
export function fluentMessageIds(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line) => /^([a-zA-Z][\w-]*)\s*=/.exec(line)?.[1] ?? [])
    .sort();
}

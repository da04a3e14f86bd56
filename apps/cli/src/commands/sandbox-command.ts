import path from "node:path";
import { UsageError } from "../cli-error.js";
import { runSandbox } from "@tgstats/sandbox";
import type { CommandOutput } from "./report-command.js";

/** `tgstats sandbox`: the whole system on loopback, driven by one command. */
export async function runSandboxCommand(
  options: { export: string; out: string; command: string; redis?: string; timeout: string },
  output: CommandOutput,
  signal: AbortSignal,
): Promise<void> {
  const timeoutSeconds = Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UsageError(
      `--timeout takes a number of seconds, e.g. --timeout 120 (got "${options.timeout}").`,
    );
  const result = await runSandbox(
    {
      exportPath: options.export,
      out: options.out,
      command: options.command,
      redisUrl: options.redis ?? null,
      timeoutMs: timeoutSeconds * 1000,
      log: (line) => output.stderr.write(`${line}\n`),
    },
    signal,
  );
  output.stdout.write(
    `Delivered ${result.pngs.length} charts and ${result.calls.length} Bot API calls.\n` +
      `Transcript: ${path.resolve(result.transcriptPath)}\nCharts: ${path.resolve(options.out)}\n` +
      result.pages.map((page) => `Interactive report: ${path.resolve(page)}\n`).join(""),
  );
}

// Each command's modules load when it runs: `--help` or `report --json` never load the
// charts (ECharts, Skia, fonts), the sandbox or GramJS.
import { Command, CommanderError, Option } from "commander";
import { EXIT_FAILURE, EXIT_USAGE, UsageError } from "./cli-error.js";
import type { PulseCommandOptions } from "./commands/pulse-command.js";
import type { ReportCommandOptions } from "./commands/report-command.js";

/** The sandbox never uses REDIS_URL (a deployment's): only a Redis named here, or its own. */
const REDIS_OPTION_HELP =
  "a running Redis to use, under the run's own key prefix (default: a throwaway redis-server started for the run)";

/** `--threads`: a whole number from 1 to 64. */
function parseThreads(value: string): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new UsageError(
      `--threads ${value} is not a thread count; pass a whole number from 1 to 64.`,
    );
  return threads;
}

/** `--months`: a whole number from 1 to 240. */
function parseMonths(value: string): number {
  const months = Number(value);
  if (!Number.isInteger(months) || months < 1 || months > 240)
    throw new UsageError(
      `--months ${value} is not a number of months; pass a whole number from 1 to 240.`,
    );
  return months;
}

/** Names of the commands, to point an option error at the right `--help`. */
const COMMANDS = new Set(["report", "pulse", "demo", "sandbox", "start", "login", "demo-chat"]);

/** The `tgstats` program with all its commands. */
export function createProgram(signal: AbortSignal): Command {
  const program = new Command("tgstats")
    .description(
      "Telegram chat statistics: who writes most, when the chat is alive, top words and emoji.",
    )
    .exitOverride()
    // Commander's own error text (two or three lines) is replaced by reportError's one line.
    .configureOutput({ outputError: () => undefined });
  const output = { stdout: process.stdout, stderr: process.stderr };
  program
    .command("report")
    .description("Statistics of a Telegram Desktop export (result.json); no Telegram login needed.")
    .argument("<result.json>", "the export file (Telegram Desktop → Export chat history → JSON)")
    .option(
      "--chat <id|name>",
      "one chat of a full-account export: its name or id (as in the file, bare, channel…, or -100…)",
    )
    .option("--tz <zone>", "IANA time zone for days and hours, e.g. Europe/Moscow", "UTC")
    .option("--from <YYYY-MM-DD>", "first day to include")
    .option("--to <YYYY-MM-DD>", "last day to include")
    .option(
      "--sender <id|name>",
      "only messages of this sender, with their member card: a display name or id (as in the file, bare, user…, channel…)",
    )
    .addOption(
      new Option("--lang <lang>", "language of the summary and charts")
        .choices(["en", "ru"])
        .default("en"),
    )
    .option(
      "--out <dir>",
      "where to write summary.md, report.json and the PNG charts",
      "out/report",
    )
    .option("--json", "print the report as JSON to stdout instead", false)
    .option(
      "--html [file]",
      "write only the interactive page (default <out>/report.html), no PNGs; without this option it is written beside them",
    )
    .option("--no-html", "leave the interactive page report.html out of --out")
    .option(
      "--threads <count>",
      "threads reading a large export at once (default: one per core; the report is the same for any count)",
      parseThreads,
    )
    .action(async (exportPath: string, options: ReportCommandOptions) => {
      const { runReportCommand } = await import("./commands/report-command.js");
      await runReportCommand(exportPath, options, output, signal);
    });
  program
    .command("pulse")
    .description(
      "Messages per chat per month of every chat in an export (a full-account export: the whole account), with trends.",
    )
    .argument(
      "<result.json>",
      "the export file (Settings → Advanced → Export Telegram data → JSON)",
    )
    .option("--tz <zone>", "IANA time zone of the months, e.g. Europe/Moscow", "UTC")
    .option(
      "--months <count>",
      "months shown, ending with the latest month with a message",
      parseMonths,
      24,
    )
    .addOption(
      new Option("--lang <lang>", "language of the summary and charts")
        .choices(["en", "ru"])
        .default("en"),
    )
    .option("--out <dir>", "where to write summary.md, pulse.json and the PNG charts", "out/pulse")
    .option("--json", "print the pulse as JSON to stdout instead", false)
    .action(async (exportPath: string, options: PulseCommandOptions) => {
      const { runPulseCommand } = await import("./commands/pulse-command.js");
      await runPulseCommand(exportPath, options, output, signal);
    });
  program
    .command("demo")
    .description("Generate the bundled sample chat and write its report to out/demo.")
    .option("--out <dir>", "where to write it", "out/demo")
    .action(async (options: { out: string }) => {
      const { runDemoCommand } = await import("./commands/demo-command.js");
      await runDemoCommand(options.out, output, signal);
    });
  program
    .command("sandbox")
    .description(
      "Run bot, worker and a fake Telegram on this machine: send a command as a chat member and collect what the bot sends back.",
    )
    .requiredOption("--export <result.json>", "the export that seeds the Telegram emulator")
    .option("--out <dir>", "where to write transcript.jsonl and the PNGs", "out/sandbox")
    .option("--command <text>", "the message the member sends", "/stats")
    .option("--redis <url>", REDIS_OPTION_HELP)
    .option("--timeout <seconds>", "give up after this long", "120")
    .action(
      async (options: {
        export: string;
        out: string;
        command: string;
        redis?: string;
        timeout: string;
      }) => {
        const { runSandboxCommand } = await import("./commands/sandbox-command.js");
        await runSandboxCommand(options, output, signal);
      },
    );
  program
    .command("start")
    .description("Run the bot and the worker together (settings from the environment or .env).")
    .action(async () => {
      const { runStartCommand } = await import("./commands/start-command.js");
      process.exitCode = await runStartCommand();
    });
  program
    .command("login")
    .description(
      "Log a Telegram account in (phone, code, 2FA password) and print its session string for TG_SESSION.",
    )
    .action(async () => {
      const { runLoginCommand } = await import("./commands/login-command.js");
      await runLoginCommand({ ...output, stdin: process.stdin }, process.env);
    });
  program
    .command("demo-chat")
    .description(
      "The sandbox on the bundled sample: /stats in its group, answered by the real bot and worker.",
    )
    .option("--out <dir>", "where to write it", "out/demo-chat")
    .option("--redis <url>", REDIS_OPTION_HELP)
    .action(async (options: { out: string; redis?: string }) => {
      const { writeDemoSample } = await import("./commands/demo-command.js");
      const { runSandboxCommand } = await import("./commands/sandbox-command.js");
      const exportPath = await writeDemoSample(options.out, signal);
      await runSandboxCommand(
        {
          export: exportPath,
          out: options.out,
          command: "/stats",
          redis: options.redis,
          timeout: "180",
        },
        output,
        signal,
      );
    });
  return program;
}

/**
 * Errors the user can fix: one line, exit code 2. Their classes are imported
 * here, on the error path only; the command that threw has loaded them already.
 */
async function isUsageError(error: Error): Promise<boolean> {
  if (error instanceof UsageError) return true;
  const engine = await import("@tgstats/engine");
  if (
    error instanceof engine.ExportFormatError ||
    error instanceof engine.ReportOptionsError ||
    error instanceof engine.UnknownTimeZoneError ||
    error instanceof engine.UnknownChatError
  )
    return true;
  const sandbox = await import("@tgstats/sandbox");
  return (
    error instanceof sandbox.SandboxTimeoutError ||
    error instanceof sandbox.RedisServerMissingError ||
    error instanceof sandbox.SandboxExportError
  );
}

/**
 * Commander's message as one line, without its "error: " prefix, with where
 * to find the usage: "unknown option '--foo' (Did you mean --from?); run
 * tgstats report --help for usage."
 */
function commanderLine(error: CommanderError): string {
  const text = error.message
    .replace(/^error: /, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
  const command = process.argv[2];
  const known = command !== undefined && COMMANDS.has(command);
  return `${text.replace(/\.$/, "")}; run "tgstats ${known ? `${command} ` : ""}--help" for usage.`;
}

/** Turns any error into one line on stderr and an exit code; a stack only with TGSTATS_DEBUG=1. */
async function reportError(error: unknown): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0;
    // Help shown for a missing command has been printed already; option errors have not.
    if (error.code !== "commander.help") process.stderr.write(`tgstats: ${commanderLine(error)}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof Error && (await isUsageError(error))) {
    process.stderr.write(`tgstats: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof Error && error.name === "AbortError") {
    process.stderr.write("tgstats: interrupted.\n");
    return 130;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `tgstats: unexpected error: ${message}\nPlease report it with the command you ran (set TGSTATS_DEBUG=1 for details).\n`,
  );
  if (process.env.TGSTATS_DEBUG === "1" && error instanceof Error)
    process.stderr.write(`${error.stack ?? ""}\n`);
  return EXIT_FAILURE;
}

const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
try {
  await createProgram(controller.signal).parseAsync(process.argv);
} catch (error) {
  process.exitCode = await reportError(error);
}

import { spawn, type ChildProcess } from "node:child_process";
import { SERVICE_NODE_FLAGS, launcherPath } from "@tgstats/platform/launchers";

/**
 * `tgstats start` (`npm start`): bot and worker side by side without Docker,
 * configured by the environment (.env). SIGINT/SIGTERM go to both; the
 * command ends when both have stopped, with the worse exit code.
 */
export async function runStartCommand(): Promise<number> {
  const children: ChildProcess[] = (["bot", "worker"] as const).map((service) =>
    spawn(process.execPath, [...SERVICE_NODE_FLAGS, launcherPath(service)], {
      stdio: "inherit",
      env: process.env,
    }),
  );
  const forward = (signal: NodeJS.Signals): void => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", forward).on("SIGTERM", forward);
  const codes = await Promise.all(
    children.map(
      (child) =>
        new Promise<number>((resolve) => {
          child.once("exit", (code, signal) => {
            // One service down means the system is down: stop the other too.
            forward("SIGTERM");
            resolve(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1));
          });
        }),
    ),
  );
  return Math.max(...codes);
}

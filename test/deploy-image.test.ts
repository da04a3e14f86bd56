/**
 * The Dockerfile and .dockerignore, checked without a Docker engine: stages,
 * installs, a non-root user, entry points that exist, every workspace
 * manifest copied before `npm ci`, and that the apps import no package the
 * production install (`npm ci --omit=dev`) leaves out.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packagesImportedBy } from "./helpers/imported-packages.js";

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

/** Dockerfile instructions by stage, continuation lines joined, comments dropped, ARG defaults filled in. */
function dockerfileStages(text: string): Stage[] {
  const joined = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ");
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of joined.split("\n")) {
    const match = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (match === null) continue;
    const keyword = match[1]!;
    const rest = match[2]!.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? "");
    if (keyword === "ARG" && stages.length === 0) {
      const [name, value] = rest.split("=");
      args[name!] = value ?? "";
    } else if (keyword === "FROM") {
      const from = /^(\S+)\s+AS\s+(\S+)$/i.exec(rest.trim());
      if (from === null) throw new Error(`every stage needs a name: FROM ${rest}`);
      stages.push({ image: from[1]!, name: from[2]!, instructions: [] });
    } else stages.at(-1)?.instructions.push({ keyword, args: rest.trim() });
  }
  return stages;
}

const stages = dockerfileStages(readFileSync("Dockerfile", "utf8"));
const finalStage = stages.at(-1)!;
const rootManifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  workspaces: string[];
  engines: { node: string };
};
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  packages: Record<string, { dev?: boolean; link?: boolean }>;
};

function runs(stage: Stage): string[] {
  return stage.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args);
}

function copies(stage: Stage): { from: string | null; sources: string[]; dest: string }[] {
  return stage.instructions
    .filter((i) => i.keyword === "COPY")
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith("--from="))?.slice("--from=".length) ?? null;
      const paths = words.filter((w) => !w.startsWith("--"));
      return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
    });
}

/** Every workspace's package.json, from the root manifest's `workspaces` globs (`dir/*`). */
function workspaceManifests(): string[] {
  return rootManifest.workspaces
    .flatMap((glob) => {
      const dir = glob.replace(/\/\*$/, "");
      return readdirSync(dir).map((name) => `${dir}/${name}/package.json`);
    })
    .filter((file) => existsSync(file))
    .sort();
}

const ENTRY_POINTS = [
  "apps/bot/bin/tgstats-bot.js",
  "apps/worker/bin/tgstats-worker.js",
  "apps/dashboard/bin/tgstats-dashboard.js",
];

/** `apps/bot/bin/tgstats-bot.js` → `apps/bot/dist/main.js`, the module the launcher imports. */
function compiledMain(launcher: string): string {
  return launcher.replace(/bin\/[^/]+$/, "dist/main.js");
}

/** `apps/bot/bin/tgstats-bot.js` → `apps/bot/src/main.ts`, what the compiled module is built from. */
function sourceMain(launcher: string): string {
  return launcher.replace(/bin\/[^/]+$/, "src/main.ts");
}

describe("Dockerfile", () => {
  it("has named stages on a Node image the engines field allows", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(new Set(stages.map((s) => s.name)).size).toBe(stages.length);
    const minimumMajor = Number(/>=\s*(\d+)/.exec(rootManifest.engines.node)?.[1]);
    for (const stage of stages) {
      const major = Number(/^node:(\d+)/.exec(stage.image)?.[1]);
      expect(major, stage.image).toBeGreaterThanOrEqual(minimumMajor);
    }
  });

  it("installs with npm ci, and takes the final image's dependencies from an --omit=dev install", () => {
    const full = stages.filter((s) => runs(s).some((r) => /\bnpm ci\b(?!.*--omit=dev)/.test(r)));
    const production = stages.filter((s) => runs(s).some((r) => /\bnpm ci\b.*--omit=dev/.test(r)));
    expect(full.length).toBeGreaterThan(0);
    expect(production.length).toBe(1);
    const fromStages = copies(finalStage).map((c) => c.from);
    expect(fromStages).toContain(production[0]!.name);
    // From a full install only the gathered compiled output, never its node_modules.
    for (const stage of full)
      for (const copy of copies(finalStage).filter((c) => c.from === stage.name))
        expect(copy.sources).toEqual(["/out"]);
    expect(runs(finalStage)).toEqual([]);
  });

  it("typechecks in the full install, and the final image depends on that stage", () => {
    const checking = stages.find((s) => runs(s).some((r) => r.includes("npm run typecheck")));
    expect(checking).toBeDefined();
    // BuildKit skips stages nothing copies from: the chain must reach the final stage.
    const reaches = (stage: Stage, target: string): boolean =>
      copies(stage).some(
        (c) =>
          c.from === target ||
          (c.from !== null &&
            reaches(
              stages.find((s) => s.name === c.from)!,
              target,
            )),
      );
    expect(reaches(finalStage, checking!.name)).toBe(true);
  });

  it("copies every workspace manifest before each npm ci, so the lock file matches", () => {
    for (const stage of stages.filter((s) => runs(s).some((r) => r.includes("npm ci")))) {
      const manifests = copies(stage)
        .flatMap((c) => c.sources)
        .map((source) => source.replace(/^\/app\//, ""))
        .filter((source) => source.endsWith("/package.json"))
        .sort();
      expect(manifests, stage.name).toEqual(workspaceManifests());
      expect(
        copies(stage).flatMap((c) => c.sources.map((s) => s.replace(/^\/app\//, ""))),
      ).toContain("package-lock.json");
    }
  });

  it("copies only paths that exist in the repository", () => {
    for (const stage of stages)
      for (const copy of copies(stage).filter((c) => c.from === null))
        for (const source of copy.sources) expect(existsSync(source), source).toBe(true);
  });

  it("ships compiled output only: nothing from the build context, every workspace's dist from the build", () => {
    expect(copies(finalStage).filter((c) => c.from === null)).toEqual([]);
    const build = stages.find((s) => runs(s).some((r) => r.includes("npm run build")));
    expect(build).toBeDefined();
    expect(copies(finalStage).map((c) => `${c.from} ${c.sources.join(" ")}`)).toEqual([
      "prod-deps /app",
      `${build!.name} /out`,
    ]);
    const gather = runs(build!).find((r) => r.includes("/out"))!;
    for (const piece of [
      '"$ws/package.json"',
      '"$ws/dist"',
      '"$ws/bin"',
      "scripts/import-built.js",
    ])
      expect(gather).toContain(piece);
    expect(gather).toContain("for ws in packages/* apps/*");
  });

  it("has neither TypeScript nor tsx nor esbuild among production dependencies", () => {
    for (const name of ["tsx", "esbuild"])
      expect(lock.packages[`node_modules/${name}`]?.dev, name).toBe(true);
    // npm keeps a dev dependency that is also some package's optional peer (`devOptional`).
    if (lock.packages["node_modules/typescript"]?.dev !== true) {
      const production = stages.find((s) => runs(s).some((r) => /\bnpm ci\b.*--omit=dev/.test(r)))!;
      expect(runs(production).join("\n")).toContain("rm -rf node_modules/typescript ");
    }
  });

  it("runs as a non-root user", () => {
    const users = finalStage.instructions.filter((i) => i.keyword === "USER").map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(["root", "0", "0:0", "root:root"]).not.toContain(users.at(-1));
  });

  it("starts an entry point that exists, as node <file>", () => {
    const cmd = finalStage.instructions.find((i) => i.keyword === "CMD")?.args ?? "[]";
    const command = JSON.parse(cmd) as string[];
    expect(command[0]).toBe("node");
    expect(ENTRY_POINTS).toContain(command[1]);
    for (const entry of ENTRY_POINTS) {
      expect(existsSync(entry), entry).toBe(true);
      expect(readFileSync(entry, "utf8"), entry).toContain('"../dist/main.js"');
      expect(existsSync(compiledMain(entry)), compiledMain(entry)).toBe(true);
    }
  });
});

describe(".dockerignore", () => {
  const patterns = readFileSync(".dockerignore", "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));

  it("keeps secrets, local installs and git history out of the build context", () => {
    for (const pattern of [".env", "**/node_modules", ".git"]) expect(patterns).toContain(pattern);
    expect(patterns).toContain("!.env.example");
  });

  it("keeps what the image needs", () => {
    for (const needed of [
      "apps",
      "packages",
      "scripts",
      "package.json",
      "package-lock.json",
      "tsconfig.json",
    ])
      expect(patterns).not.toContain(needed);
  });
});

describe("production dependencies", () => {
  it("cover every package the bot, worker and dashboard import (none is dev-only)", async () => {
    for (const entry of ENTRY_POINTS.map(sourceMain)) {
      const imported = await packagesImportedBy(entry);
      expect(imported.size, entry).toBeGreaterThan(0);
      expect(imported, entry).not.toContain("tsx");
      const devOnly = [...imported].filter((name) => {
        const locked = lock.packages[`node_modules/${name}`];
        return locked === undefined || locked.dev === true;
      });
      expect(devOnly, `${entry} imports packages npm ci --omit=dev leaves out`).toEqual([]);
    }
  }, 60_000);
});

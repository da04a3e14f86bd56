#!/usr/bin/env node
/**
 * Builds every workspace's `src/` into a `dist/` beside it: each `.ts` file
 * transpiled to one `.js` file at the same relative path (so `import.meta.url`
 * paths such as `../locales` hold), other files (Fluent texts) copied as they are.
 *
 * Run by `npm ci` (`prepare`), by the tests' global setup and by `npm run build`.
 *
 * esbuild transpiles file by file rather than `tsc -b`: the whole build takes
 * ~1 s against ~30 s for tsc on this code base, which is what lets it run on
 * every install and every test run; type checking stays with `npm run typecheck`.
 * Files are left alone when unchanged and replaced by rename when changed, so a
 * process started from `dist/` during a build never reads a half-written file.
 *
 * Plain JavaScript on purpose: it runs before anything is built and needs no tsx.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORKSPACE_GROUPS = ["packages", "apps"];
/** Node 20 runs ES2023; the sources' `target` in tsconfig.json. */
const TARGET = "node20";

/** Lists every file below `dir`, as paths relative to it. */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error) =>
    error.code === "ENOENT" ? [] : Promise.reject(error),
  );
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

async function isFile(file) {
  return (await stat(file).catch(() => null))?.isFile() === true;
}

/** Writes `content` to `file` unless it already holds exactly that; returns whether it wrote. */
async function writeIfChanged(file, content) {
  const current = await readFile(file).catch(() => null);
  if (current !== null && current.equals(content)) return false;
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
  return true;
}

async function outputOf(srcDir, relative) {
  const source = await readFile(path.join(srcDir, relative));
  if (!relative.endsWith(".ts")) return { relative, content: source, mapRelative: null };
  const outRelative = relative.replace(/\.ts$/u, ".js");
  const result = await transform(source.toString("utf8"), {
    loader: "ts",
    format: "esm",
    platform: "node",
    target: TARGET,
    // Linked source maps: `node --enable-source-maps` shows stack traces in the sources.
    sourcemap: "external",
    sourcesContent: false,
    sourcefile: path.relative(
      path.dirname(path.join("dist", outRelative)),
      path.join("src", relative),
    ),
    // The compiler options that change emitted code: class fields as in tsc with this target.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: true } },
  });
  const mapRelative = `${outRelative}.map`;
  const code = `${result.code}//# sourceMappingURL=${path.basename(mapRelative)}\n`;
  return {
    relative: outRelative,
    content: Buffer.from(code),
    mapRelative,
    map: Buffer.from(result.map),
  };
}

/** Builds one workspace; returns how many files it wrote. */
async function buildWorkspace(workspaceDir) {
  const srcDir = path.join(workspaceDir, "src");
  const distDir = path.join(workspaceDir, "dist");
  const sources = (await listFiles(srcDir)).filter((file) => !file.endsWith(".d.ts"));
  const outputs = await Promise.all(sources.map((relative) => outputOf(srcDir, relative)));
  let written = 0;
  for (const { relative, content, mapRelative, map } of outputs) {
    if (await writeIfChanged(path.join(distDir, relative), content)) written += 1;
    if (mapRelative !== null) await writeIfChanged(path.join(distDir, mapRelative), map);
  }
  const expected = new Set(outputs.flatMap((output) => [output.relative, output.mapRelative]));
  // Another build's temp files are its own: it renames them into place (two test runs at once).
  const stale = (await listFiles(distDir)).filter(
    (file) => !expected.has(file) && !file.endsWith(".tmp"),
  );
  await Promise.all(stale.map((file) => rm(path.join(distDir, file), { force: true })));
  return { files: outputs.length, written, removed: stale.length };
}

/** esbuild, or one line saying how to get it (a production-only install has no dev tools). */
async function loadEsbuild() {
  try {
    return await import("esbuild");
  } catch {
    console.error(
      "tgstats build: esbuild is not installed; install with dev dependencies (`npm ci`, not `--omit=dev`) to build, or run a built copy (the Docker image).",
    );
    process.exit(1);
  }
}

const { transform } = await loadEsbuild();

async function main() {
  const started = performance.now();
  const workspaces = [];
  for (const group of WORKSPACE_GROUPS) {
    for (const entry of await readdir(path.join(ROOT, group), { withFileTypes: true })) {
      const dir = path.join(ROOT, group, entry.name);
      // A workspace is a folder with a manifest: stray files (.DS_Store) are no workspace.
      if (entry.isDirectory() && (await isFile(path.join(dir, "package.json"))))
        workspaces.push(dir);
    }
  }
  const results = await Promise.all(workspaces.map(buildWorkspace));
  const total = results.reduce(
    (sum, r) => ({
      files: sum.files + r.files,
      written: sum.written + r.written,
      removed: sum.removed + r.removed,
    }),
    { files: 0, written: 0, removed: 0 },
  );
  const ms = Math.round(performance.now() - started);
  if (!process.argv.includes("--quiet")) {
    console.log(
      `tgstats build: ${total.files} files in ${workspaces.length} workspaces → dist/ ` +
        `(${total.written} written, ${total.removed} removed) in ${ms} ms`,
    );
  }
}

await main();

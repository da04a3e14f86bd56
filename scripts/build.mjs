#!/usr/bin/env node
/**
 * Builds every workspace's `src/` into a `dist/` beside it, two ways:
 *
 * - Bundles, what the launchers (`bin/*.js`) run: the CLI, the bot, the worker
 *   and the emulated worker, each one `dist/<entry>.js` holding its code and its
 *   pure-JavaScript dependencies, and `dist/chunks/` with what it imports
 *   lazily (a command's modules, the charts). One file instead of ~350 (zod
 *   alone is ~230) takes ~0.1 s off `tgstats report --json`. The Fluent files
 *   are inlined (each `locales/fluent-files.ts` is replaced by its texts), so a
 *   bundle needs no folder beside it. `dist/bundle-inputs.json` lists the
 *   sources in each output file, for tests of what a process loads.
 * - Per file, for the packages' `exports` (`default` condition): each `.ts`
 *   file transpiled to one `.js` file at the same relative path (so
 *   `import.meta.url` paths such as `../locales` hold), other files (Fluent
 *   texts) copied as they are. A workspace without `exports` (the CLI) has none.
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
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORKSPACE_GROUPS = ["packages", "apps"];
/** Node 20 runs ES2023; the sources' `target` in tsconfig.json. */
const TARGET = "node20";

/** The bundled entry points by workspace: source → `dist/<name>.js`, which its launcher imports. */
const BUNDLES = {
  "apps/cli": { in: "src/main.ts", out: "main" },
  "apps/bot": { in: "src/main.ts", out: "main" },
  "apps/worker": { in: "src/main.ts", out: "main" },
  "packages/sandbox": { in: "src/emulated-worker.ts", out: "emulated-worker" },
  // The HTML report's page script with the ECharts parts it uses, inlined into each report.html.
  "packages/report-html": { in: "page/main.ts", out: "page", browser: true },
};

/** Browsers the HTML report's page script is written for (2021 on). */
const BROWSER_TARGET = ["chrome100", "firefox100", "safari15"];

/**
 * Dependencies left as files under node_modules, each for a reason:
 * - a native add-on (Skia);
 * - packages that find files beside themselves (`__dirname`, which an ES
 *   module bundle does not have): pino's and thread-stream's worker files,
 *   msgpackr's optional native extractor, the Deno shim of @grammyjs/i18n;
 * - ECharts and zrender, loaded only to draw charts, never at start-up, and
 *   ~600 of a bundle's files, which would double its build time;
 * - GramJS, whose CommonJS builds its TL classes at load either way.
 * Other `__dirname` uses bundled are on paths tgstats does not take: ioredis'
 * `showFriendlyErrorStack`, BullMQ's sandboxed processor files.
 */
const EXTERNAL = [
  "@napi-rs/canvas",
  "pino",
  "thread-stream",
  "msgpackr",
  "@deno/shim-deno",
  "echarts",
  "echarts/*",
  "zrender",
  "zrender/*",
  "telegram",
  "telegram/*",
];

/**
 * CommonJS dependencies inside an ES module bundle call `require` (Node's
 * built-ins, optional packages): give each output file a real one.
 */
const REQUIRE_SHIM =
  'import { createRequire as __tgstatsCreateRequire } from "node:module";\n' +
  "const require = __tgstatsCreateRequire(import.meta.url);";

/** The file listing each bundle output's sources (see the comment at the top). */
const BUNDLE_INPUTS = "bundle-inputs.json";

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

/** Removes the folders below `dir` left empty by removed files (a module moved or bundled). */
async function removeEmptyFolders(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const sub = path.join(dir, entry.name);
    await removeEmptyFolders(sub);
    // Not empty (or just filled by another build): left as it is.
    await rmdir(sub).catch(() => {});
  }
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

/**
 * Replaces each `locales/fluent-files.ts` by a module holding its folder's
 * `.ftl` texts (the same `{ en: { file, text }, … }` it reads at run time).
 */
const inlineFluentFiles = {
  name: "inline-fluent-files",
  setup(build) {
    build.onLoad({ filter: /[\\/]locales[\\/]fluent-files\.ts$/ }, async ({ path: module }) => {
      const dir = path.dirname(module);
      const files = (await readdir(dir)).filter((file) => file.endsWith(".ftl")).sort();
      const entries = await Promise.all(
        files.map(async (file) => {
          const text = await readFile(path.join(dir, file), "utf8");
          const name = path.relative(ROOT, path.join(dir, file));
          return `${JSON.stringify(path.basename(file, ".ftl"))}: { file: ${JSON.stringify(name)}, text: ${JSON.stringify(text)} }`;
        }),
      );
      return {
        contents: `export const fluentFiles = { ${entries.join(", ")} };\n`,
        loader: "js",
        watchFiles: files.map((file) => path.join(dir, file)),
      };
    });
  },
};

/** The tokenizer's table module and the line that builds its table at load. */
const CHAR_FLAGS_MODULE = /[\\/]engine[\\/]text[\\/]char-flags\.ts$/;
const CHAR_FLAGS_LINE = "export const CHAR_FLAGS: Uint16Array = buildTable();";

/**
 * The tokenizer's flags of every BMP code unit, built at load from Unicode
 * property regular expressions: ~60–100 ms of every report's start. In the
 * bundles the table is built here instead, by the module's own code, and
 * inlined run-length encoded (~4 k runs); the sources still build it at load.
 */
const precomputedCharFlags = {
  name: "precomputed-char-flags",
  setup(build) {
    build.onLoad({ filter: CHAR_FLAGS_MODULE }, async ({ path: module }) => {
      const source = await readFile(module, "utf8");
      if (!source.includes(CHAR_FLAGS_LINE))
        throw new Error(
          `${module} no longer has the line "${CHAR_FLAGS_LINE}"; update precomputedCharFlags in scripts/build.mjs`,
        );
      // The module has no imports: transpiled, it runs as it is.
      const { code } = await transform(source, { loader: "ts", format: "esm" });
      const { CHAR_FLAGS } = await import(
        `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`
      );
      const runs = [];
      for (let code = 0; code < CHAR_FLAGS.length; code++) {
        if (runs.length > 0 && runs.at(-2) === CHAR_FLAGS[code]) runs[runs.length - 1] += 1;
        else runs.push(CHAR_FLAGS[code], 1);
      }
      const decode = `((runs) => { const table = new Uint16Array(${CHAR_FLAGS.length}); for (let i = 0, at = 0; i < runs.length; i += 2) { table.fill(runs[i], at, at + runs[i + 1]); at += runs[i + 1]; } return table; })(${JSON.stringify(runs)})`;
      // The inlined code must give back the very table: checked here, by running it.
      const decoded = new Function(`return ${decode};`)();
      if (!decoded.every((flags, code) => flags === CHAR_FLAGS[code]))
        throw new Error("precomputedCharFlags: the encoded table differs from CHAR_FLAGS");
      return {
        contents: source.replace(
          CHAR_FLAGS_LINE,
          `// Built by scripts/build.mjs from buildTable() below.\nexport const CHAR_FLAGS: Uint16Array = ${decode};`,
        ),
        loader: "ts",
      };
    });
  },
};

/**
 * A digest of everything a bundle was made from: its input files (sources,
 * dependencies, the inlined `.ftl` texts), this script and Node's version, by size and
 * modification time, as make does. Equal digests mean the bundle on disk is
 * current, so `npm test` and every npm script, which build first, do not pay
 * esbuild's seconds for an unchanged bundle.
 */
async function digestOf(inputs) {
  const files = [fileURLToPath(import.meta.url), ...inputs.map((input) => path.join(ROOT, input))];
  const stats = await Promise.all(files.map((file) => stat(file).catch(() => null)));
  const hash = createHash("sha256");
  // Another Node may have other Unicode data (the precomputed tokenizer table).
  hash.update(`${process.version}\n`);
  files.forEach((file, index) => {
    const info = stats[index];
    hash.update(`${file}\0${info === null ? "missing" : `${info.size}\0${info.mtimeMs}`}\n`);
  });
  return hash.digest("hex");
}

/** Output files (relative to dist/) of a bundle whose record says it is current, else null. */
async function currentBundle(distDir) {
  const record = await readFile(path.join(distDir, BUNDLE_INPUTS), "utf8")
    .then((text) => JSON.parse(text))
    .catch(() => null);
  if (!Array.isArray(record?.inputs) || (await digestOf(record.inputs)) !== record.digest)
    return null;
  const files = [BUNDLE_INPUTS, ...Object.keys(record.outputs).flatMap((js) => [js, `${js}.map`])];
  const present = await Promise.all(files.map((file) => isFile(path.join(distDir, file))));
  return present.every(Boolean) ? files : null;
}

/**
 * The bundle of one entry point: its output files (code, maps, the inputs
 * record), to write; `content: null` for files already current on disk.
 */
async function bundleOf(workspaceDir, entry) {
  const distDir = path.join(workspaceDir, "dist");
  const current = await currentBundle(distDir);
  if (current !== null) return current.map((relative) => ({ relative, content: null }));
  // A browser bundle is one self-contained, minified script (inlined into a page): no
  // chunks, no externals, no `require`, and no source map comment a page would follow.
  const target = entry.browser
    ? {
        platform: "browser",
        format: "iife",
        target: BROWSER_TARGET,
        minify: true,
        sourcemap: "external",
      }
    : {
        platform: "node",
        format: "esm",
        target: TARGET,
        splitting: true,
        chunkNames: "chunks/[name]-[hash]",
        external: EXTERNAL,
        banner: { js: REQUIRE_SHIM },
        // Renaming to avoid clashes would change `.name`, which some dependencies check
        // (node-fetch takes a signal only if its class is named AbortSignal).
        keepNames: true,
        // Linked source maps: `node --enable-source-maps` shows stack traces in the sources.
        sourcemap: "linked",
      };
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [{ in: path.join(workspaceDir, entry.in), out: entry.out }],
    bundle: true,
    outdir: distDir,
    // The workspace packages' TypeScript sources, as in the tests (package.json `exports`).
    conditions: ["source"],
    ...target,
    // stopword's CommonJS main holds 62 languages (~240 kB to parse); its ES module
    // source lets the bundle keep only the three the engine imports.
    alias: { stopword: "stopword/src/stopword.js" },
    sourcesContent: false,
    plugins: [inlineFluentFiles, precomputedCharFlags],
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  const outputs = result.outputFiles.map((file) => ({
    relative: path.relative(distDir, file.path),
    content: Buffer.from(file.contents),
  }));
  const bundled = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith(".js"));
  // The `.ftl` files a `fluent-files.ts` module inlined are inputs too.
  const ftl = (
    await Promise.all(
      Object.keys(result.metafile.inputs)
        .filter((input) => input.endsWith("/locales/fluent-files.ts"))
        .map(async (input) =>
          (await readdir(path.join(ROOT, path.dirname(input))))
            .filter((file) => file.endsWith(".ftl"))
            .map((file) => path.join(path.dirname(input), file)),
        ),
    )
  ).flat();
  const inputs = [...Object.keys(result.metafile.inputs), ...ftl].sort();
  const record = {
    digest: await digestOf(inputs),
    inputs,
    outputs: Object.fromEntries(
      bundled.map(([file, output]) => [
        path.relative(distDir, path.join(ROOT, file)),
        Object.keys(output.inputs).sort(),
      ]),
    ),
  };
  outputs.push({
    relative: BUNDLE_INPUTS,
    content: Buffer.from(`${JSON.stringify(record, null, 1)}\n`),
  });
  return outputs;
}

/** The workspace's manifest has `exports`: other code imports its per-file `dist/`. */
async function hasExports(workspaceDir) {
  const manifest = JSON.parse(await readFile(path.join(workspaceDir, "package.json"), "utf8"));
  return manifest.exports !== undefined;
}

/** How long a replaced bundle chunk stays: a process started from an earlier build may still load it lazily. */
const CHUNK_GRACE_MS = 24 * 60 * 60 * 1000;

/** A chunk of an earlier bundle written within {@link CHUNK_GRACE_MS}. */
async function isRecentChunk(distDir, file) {
  if (!file.startsWith(`chunks${path.sep}`)) return false;
  const { mtimeMs } = await stat(path.join(distDir, file));
  return Date.now() - mtimeMs < CHUNK_GRACE_MS;
}

/** Builds one workspace; returns how many files it wrote. */
async function buildWorkspace(workspaceDir) {
  const srcDir = path.join(workspaceDir, "src");
  const distDir = path.join(workspaceDir, "dist");
  const bundle = BUNDLES[path.relative(ROOT, workspaceDir).split(path.sep).join("/")];
  const sources = (await hasExports(workspaceDir))
    ? (await listFiles(srcDir)).filter(
        // The bundle takes the entry's place in dist/.
        (file) => !file.endsWith(".d.ts") && path.join("src", file) !== bundle?.in,
      )
    : [];
  const outputs = await Promise.all(sources.map((relative) => outputOf(srcDir, relative)));
  if (bundle !== undefined)
    for (const file of await bundleOf(workspaceDir, bundle))
      outputs.push({ ...file, mapRelative: null });
  let written = 0;
  for (const { relative, content, mapRelative, map } of outputs) {
    if (content !== null && (await writeIfChanged(path.join(distDir, relative), content)))
      written += 1;
    if (mapRelative !== null) await writeIfChanged(path.join(distDir, mapRelative), map);
  }
  const expected = new Set(outputs.flatMap((output) => [output.relative, output.mapRelative]));
  // Another build's temp files are its own: it renames them into place (two test runs at once).
  const candidates = (await listFiles(distDir)).filter(
    (file) => !expected.has(file) && !file.endsWith(".tmp"),
  );
  const keep = await Promise.all(candidates.map((file) => isRecentChunk(distDir, file)));
  const stale = candidates.filter((_, index) => !keep[index]);
  await Promise.all(stale.map((file) => rm(path.join(distDir, file), { force: true })));
  await removeEmptyFolders(distDir);
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

const { build, transform } = await loadEsbuild();

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

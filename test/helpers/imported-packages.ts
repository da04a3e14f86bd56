import { isBuiltin } from "node:module";
import { build, type Plugin } from "esbuild";

/** The package name of a bare import: `@scope/name` or `name`, without any subpath. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/**
 * The node_modules packages an entry point imports, found by bundling it with
 * esbuild. The workspace's own packages (`@tgstats/*`) are followed, since
 * what they import is loaded too; Node built-ins are left out.
 */
export async function packagesImportedBy(entry: string): Promise<Set<string>> {
  const packages = new Set<string>();
  const collect: Plugin = {
    name: "collect-packages",
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path)) return { external: true };
        if (args.path.startsWith("@tgstats/")) return undefined;
        packages.add(packageName(args.path));
        return { external: true };
      });
    },
  };
  await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["source"],
    logLevel: "silent",
    plugins: [collect],
  });
  return packages;
}

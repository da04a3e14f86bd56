import { execFileSync } from "node:child_process";
const names = process.argv.slice(2); const results = {};
for (let round = 0; round < 7; round++) for (const name of names) {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", `const t = performance.now(); await import("/tmp/su-micro/${name}.mjs"); console.log(performance.now() - t);`], { encoding: "utf8" });
  (results[name] ??= []).push(Number(out));
}
for (const [name, v] of Object.entries(results)) { v.sort((a, b) => a - b); console.log(name.padEnd(14), "min", v[0].toFixed(1), "med", v[3].toFixed(1)); }

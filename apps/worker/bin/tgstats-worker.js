#!/usr/bin/env node
// Runs the compiled output (dist/, built by `npm ci` or `npm run build`).
import { importBuilt } from "../../../scripts/import-built.js";

await importBuilt(new URL("../dist/main.js", import.meta.url));

#!/usr/bin/env node
// The production worker reading from the Telegram emulator (sandbox and process tests).
// Runs the compiled output (dist/, built by `npm ci` or `npm run build`).
import { importBuilt } from "../../../scripts/import-built.js";

const { runEmulatedWorker } = await importBuilt(
  new URL("../dist/emulated-worker.js", import.meta.url),
);
await runEmulatedWorker();

#!/usr/bin/env node
// The production worker reading from the Telegram emulator (sandbox and process tests).
// Runs the TypeScript sources directly (tsx), so a fresh clone needs no build step.
import { register } from "tsx/esm/api";

register();
const { runEmulatedWorker } = await import("../src/emulated-worker.ts");
await runEmulatedWorker();

import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium: the browser tests drive it through playwright-core (which downloads none). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags that keep the browser from reaching any server of its own (updates, translation…). */
const QUIET_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-features=Translate,OptimizationHints,MediaRouter",
];

/** Headless Chromium; fails with one line saying how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}; run \`apt-get install chromium\` (as root) and run the tests again.`,
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: QUIET_ARGS });
}

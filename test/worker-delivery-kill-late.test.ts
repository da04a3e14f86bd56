import { describe, expect, it } from "vitest";
import { CHARTS_MAY_BE_MISSING, useDeliveryKillRig } from "./helpers/delivery-kill-rig.js";

// A worker killed (SIGKILL) while a delivery request is out: the worker that takes the job
// over must not send that step again, and must say what may be missing.

const { killDuring } = useDeliveryKillRig(`tgstats-delivery-kill-late-${process.pid}`);

describe("a worker killed late in delivery", () => {
  it("does not send the page again when killed while Telegram's answer to it is out", async () => {
    const outcome = await killDuring("sendDocument", "after");
    const { state, log, finished, applied, photos, documents, texts } = outcome;
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(1);
    expect(applied("sendDocument"), log).toBe(1);
    expect(documents).toHaveLength(1);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text!.endsWith(`\n\n${CHARTS_MAY_BE_MISSING}`)).toBe(true);
    // The page's fate is unknown to the second worker: the album and the summary only.
    expect(finished.returnvalue.deliveredMessageIds).toEqual(
      [...photos, ...texts].map((message) => message.messageId),
    );
  }, 300_000);

  it("deletes the status message again (harmless) and sends nothing twice when killed there", async () => {
    const outcome = await killDuring("deleteMessage", "after");
    const { state, log, finished, applied, shown, photos, documents, texts, status } = outcome;
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(1);
    expect(applied("sendMessage"), log).toBe(1);
    expect(shown.map((message) => message.messageId)).not.toContain(status.message_id);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).not.toContain("interrupted");
    expect(finished.returnvalue.deliveredMessageIds).toEqual(
      [...photos, ...documents, ...texts].map((message) => message.messageId),
    );
  }, 300_000);
});

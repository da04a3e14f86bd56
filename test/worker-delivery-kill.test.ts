import { describe, expect, it } from "vitest";
import {
  CHARTS_MAY_BE_MISSING,
  SUMMARY_MAY_BE_MISSING,
  useDeliveryKillRig,
} from "./helpers/delivery-kill-rig.js";

// A worker killed (SIGKILL) while a delivery request is out: the worker that takes the job
// over must not send that step again, and must say what may be missing.

const { rig, killDuring } = useDeliveryKillRig(`tgstats-delivery-kill-early-${process.pid}`);

describe("a worker killed during delivery", () => {
  it("does not send the album again when killed while Telegram's answer to it is out", async () => {
    const outcome = await killDuring("sendMediaGroup", "after");
    const { state, log, finished, applied, photos, documents, texts, status } = outcome;
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(1);
    // The page comes after the album: the second worker sends it, once.
    expect(applied("sendDocument"), log).toBe(1);
    expect(documents).toHaveLength(1);
    expect(new Set(photos.map((photo) => photo.mediaGroupId)).size).toBe(1);
    // The only text is the summary: the status message is deleted as usual.
    expect(texts.map((text) => text.messageId)).not.toContain(status.message_id);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toContain(`Messages: ${rig.referenceMessages}`);
    expect(texts[0]!.text!.endsWith(`\n\n${CHARTS_MAY_BE_MISSING}`)).toBe(true);
    // Only what is known to be sent: the album's fate is unknown to the second worker.
    expect(finished.returnvalue.deliveredMessageIds).toEqual([
      documents[0]!.messageId,
      texts[0]!.messageId,
    ]);
  }, 300_000);

  it("leaves the album out, with a note, when the killed worker's album never reached Telegram", async () => {
    const { state, log, applied, photos, texts } = await killDuring("sendMediaGroup", "before");
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(0);
    expect(photos).toEqual([]);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text!.endsWith(`\n\n${CHARTS_MAY_BE_MISSING}`)).toBe(true);
  }, 300_000);

  it("does not send the summary again, and says in the status message it may be missing", async () => {
    const outcome = await killDuring("sendMessage", "after");
    const { state, log, finished, applied, photos, documents, texts, status } = outcome;
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(1);
    expect(applied("sendMessage"), log).toBe(1);
    expect(new Set(photos.map((photo) => photo.mediaGroupId)).size).toBe(1);
    // The summary (sent before anything was uncertain, so without a note) and the status message.
    expect(texts.map((text) => text.messageId)).toEqual([status.message_id, texts[1]!.messageId]);
    expect(texts[0]!.text).toBe(SUMMARY_MAY_BE_MISSING);
    expect(texts[1]!.text).toContain(`Messages: ${rig.referenceMessages}`);
    expect(texts[1]!.text).not.toContain("interrupted");
    expect(finished.returnvalue.deliveredMessageIds).toEqual(
      [...photos, ...documents].map((message) => message.messageId),
    );
  }, 300_000);
});

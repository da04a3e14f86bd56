import { z } from "zod";

/**
 * `OWNER_IDS` in the bot's and the worker's config schemas: the Telegram user
 * ids allowed the account overview (its chats by message count). The bot
 * offers it only to them; the worker checks again, whatever the job says.
 *
 * @example ownerIdsSetting.parse("12345, 67890") // [12345, 67890]
 */
export const ownerIdsSetting = z
  .string()
  .default("")
  .transform((text, context) => {
    const parts = text
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "");
    const bad = parts.filter((part) => !/^\d{1,15}$/.test(part));
    if (bad.length > 0)
      context.addIssue({
        code: "custom",
        message: "must be Telegram user ids separated by commas, e.g. 12345,67890",
      });
    return parts.filter((part) => !bad.includes(part)).map(Number);
  });

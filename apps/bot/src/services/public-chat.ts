import { GrammyError, type Api } from "grammy";
import { apiSignal } from "@tgstats/platform";

/** A chat as the Bot API's getChat describes it: enough to tell a group or channel from a person. */
export interface PublicChat {
  /** Bot API id (−100… for supergroups and channels). */
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
}

/**
 * The chat `@username` names, asked of the Bot API (which resolves public
 * supergroups and channels with the bot's own limits, never the reader
 * account's), or null when it knows no such chat: getChat answers 400 then.
 */
export async function publicChat(
  api: Api,
  username: string,
  signal: AbortSignal,
): Promise<PublicChat | null> {
  try {
    const chat = await api.getChat(`@${username}`, apiSignal(signal));
    return { id: chat.id, type: chat.type };
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 400) return null;
    throw error;
  }
}

import type { Message } from "../model/message.js";
import type { LocalTime } from "../time/zone-clock.js";
import type { TextAnalysis } from "./text/index.js";

/**
 * What the engine derives from one message before the parts fold it: computed
 * once (text analysis and local time are the costly steps), read by every part.
 */
export interface MessageFacts {
  message: Message;
  /** `user123` / `channel123` / `chat123`; null when the message has no sender. */
  senderKey: string | null;
  /** Local time in the report's zone. */
  local: LocalTime;
  text: TextAnalysis;
}

/** The Telegram emulator: Telegram's answers for the adapter, without a network. */
export {
  TelegramEmulator,
  type DeliveryResult,
  type EmulatorRefusal,
  type EmulatorRequest,
  type TelegramEmulatorOptions,
} from "./telegram-emulator.js";
export type {
  EmulatedAccount,
  EmulatedChat,
  EmulatedMember,
  EmulatedStatsGraph,
} from "./emulated-chat.js";
export { STATS_PERIOD_DAYS } from "./api-stats.js";
export { RECENT_MEMBERS_CAP } from "./api-members.js";
export type { FloodPolicy } from "./flood-limiter.js";
export { createEmulatedClient } from "./emulated-client.js";
export {
  emulatedChatsFromExport,
  emulatedPostCounters,
  type EmulatedChatsFromExportOptions,
} from "./from-export.js";
export { sliceHistory, type HistoryQuery, type HistorySlice } from "./history-slice.js";
export { VirtualClock } from "./virtual-clock.js";
export { NetworkFaults, type Delivery, type FaultTiming } from "./network-faults.js";
export {
  LIFE_STORIES,
  lifeStoryChat,
  lifeStoryChats,
  storyShape,
  type LifeStory,
  type LifeStoryOptions,
} from "./life-stories.js";

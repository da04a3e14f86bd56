/** Texts of the pulse charts and summary, from the shared Fluent files. */
import { sharedTexts, textsPerLanguage, type ChatTrend } from "@tgstats/engine";
import type { ChartLanguage } from "./i18n.js";

/** One language's pulse texts. */
export interface PulseTexts {
  heatTitle: string;
  chatsTitle: string;
  /** "Jan 25 — Dec 26 · time zone UTC". */
  subtitle: (span: string, zone: string) => string;
  groups: string;
  channels: string;
  privateChats: string;
  untitled: string;
  /** A trend's short mark for a row label ("↑", "new"). */
  trendMark: (trend: ChatTrend) => string;
}

function loadPulseTexts(language: ChartLanguage): PulseTexts {
  const fluent = sharedTexts(language);
  const subtitle = fluent.format("pulse-subtitle");
  const marks: Record<ChatTrend, string> = {
    rising: fluent.text("pulse-mark-rising"),
    new: fluent.text("pulse-mark-new"),
    steady: fluent.text("pulse-mark-steady"),
    fading: fluent.text("pulse-mark-fading"),
    "gone-quiet": fluent.text("pulse-mark-gone-quiet"),
    silent: fluent.text("pulse-mark-silent"),
  };
  return {
    heatTitle: fluent.text("pulse-heat-title"),
    chatsTitle: fluent.text("pulse-chats-title"),
    subtitle: (span, zone) => subtitle({ span, zone }),
    groups: fluent.text("pulse-groups"),
    channels: fluent.text("pulse-channels"),
    privateChats: fluent.text("pulse-private-chats"),
    untitled: fluent.text("untitled-chat"),
    trendMark: (trend) => marks[trend],
  };
}

/** The pulse texts of a language. */
export const pulseTexts = textsPerLanguage(loadPulseTexts);

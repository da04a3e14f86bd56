import { Composer, type CommandContext } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { StatsTarget } from "@tgstats/platform";
import type { BotContext } from "../context.js";
import { answer, isOwner } from "../reply.js";
import { chatMember, isAdmin, isGroupAdmin, isMember } from "../services/membership.js";
import { publicChat } from "../services/public-chat.js";
import {
  parseStatsArguments,
  type StatsArguments,
  type StatsChatRef,
} from "../stats/parse-stats-arguments.js";
import { echoInput } from "../text-limits.js";
import { requestStats } from "../stats/request-stats.js";
import { answerArgumentError } from "../stats/argument-error-answer.js";

/**
 * `/stats [period] [@user] [zone]`: parse, authorise, enqueue; `/me [period]
 * [zone]`: the same for the sender's own member card.
 */
export const statsFeature = new Composer<BotContext>();

statsFeature.chatType(["private", "group", "supergroup"]).command("stats", handleStats);
statsFeature.chatType(["private", "group", "supergroup"]).command("me", handleMe);

async function handleStats(ctx: CommandContext<BotContext>): Promise<void> {
  if (ctx.from === undefined) return;
  const place = ctx.chat.type === "private" ? "private" : "group";
  const { text, mentions } = withoutTextMentions(ctx.msg.text, ctx.msg.entities);
  const args = await parsedArguments(ctx, text, place);
  if (args === null) return;
  if (mentions.length > 1) return answerArgumentError(ctx, "repeated-user", mentions[1]!.text);
  if (mentions.length === 1 && args.user !== null)
    return answerArgumentError(ctx, "repeated-user", `@${args.user}`);
  let sender: string | null = null;
  if (mentions[0] !== undefined) sender = `user${mentions[0].userId}`;
  else if (args.user !== null) {
    const userId = await ctx.services.users.lookup(args.user, ctx.redisSignal);
    if (userId === null) return answerArgumentError(ctx, "unknown-user", args.user);
    sender = `user${userId}`;
  }
  const target = await authorisedTarget(ctx, place, args.chat);
  if (target === null) return;
  await requestStats(ctx, {
    target,
    timeZone: args.timeZone,
    fromDate: args.fromDate,
    toDate: args.toDate,
    sender,
  });
}

/**
 * `/me`: `/stats @<sender>` for the one who sent it, by user id (the job's
 * sender key `user<id>`, so people without a username have a card too).
 * Allowed where `/stats` is, and in a group only to its members: a card is
 * about someone's place in the chat, and a stranger (a channel comment from
 * outside the discussion group) has none to ask for.
 */
async function handleMe(ctx: CommandContext<BotContext>): Promise<void> {
  if (ctx.from === undefined) return;
  // An anonymous admin posts as the group: their messages cannot be told from other admins'.
  if (ctx.msg.sender_chat !== undefined) return refuse(ctx, ctx.t("me-anonymous"));
  const place = ctx.chat.type === "private" ? "private" : "group";
  const { text, mentions } = withoutTextMentions(ctx.msg.text, ctx.msg.entities);
  const args = await parsedArguments(ctx, text, place);
  if (args === null) return;
  const named = mentions[0]?.text ?? (args.user === null ? null : `@${args.user}`);
  if (named !== null) return refuse(ctx, ctx.t("me-no-member", { token: echoInput(named) }));
  if (place === "private" && args.chat === null)
    return refuse(ctx, `${ctx.t("me-private-usage")}\n\n${ctx.t("me-usage")}`);
  const target = await authorisedTarget(ctx, place, args.chat);
  if (target === null) return;
  if (place === "group" && !isOwner(ctx)) {
    const refusal = await groupMemberRefusal(ctx, ctx.chat.id);
    if (refusal !== null) return refuse(ctx, ctx.t(refusal));
  }
  await requestStats(ctx, {
    target,
    timeZone: args.timeZone,
    fromDate: args.fromDate,
    toDate: args.toDate,
    sender: `user${ctx.from.id}`,
  });
}

/** Answers why a request is refused; nothing is enqueued. */
async function refuse(ctx: BotContext, text: string): Promise<void> {
  await answer(ctx, text);
}

/** The command's arguments, or null when they were refused (and answered). */
async function parsedArguments(
  ctx: CommandContext<BotContext>,
  text: string,
  place: "group" | "private",
): Promise<StatsArguments | null> {
  const parsed = parseStatsArguments(text, {
    now: ctx.services.clock.now(),
    timeZone: ctx.chatSettings.timeZone ?? ctx.services.config.DEFAULT_TIME_ZONE,
    place,
  });
  if (parsed.ok) return parsed.value;
  await answerArgumentError(ctx, parsed.error.code, parsed.error.token);
  return null;
}

/** Why the sender may not ask for a card in this group (not a member), or null when they may. */
async function groupMemberRefusal(
  ctx: BotContext,
  chatId: number,
): Promise<"stats-cannot-check" | "stats-not-member" | null> {
  const member = await chatMember(ctx.api, chatId, ctx.from!.id, AbortSignal.timeout(10_000));
  if (member === null) return "stats-cannot-check";
  return isMember(member) ? null : "stats-not-member";
}

/**
 * The chat to report on if the sender may see it; otherwise answers why not
 * and returns null. Groups: this group (admins only when the group chose so).
 * Private chat: a public group or channel by @name for anyone (admins only
 * when the group chose so); a chat id for its members; nothing named: the
 * account overview for owners, the usage for everyone else. People, bots and
 * the reader account are never a target, not even for owners.
 */
async function authorisedTarget(
  ctx: CommandContext<BotContext>,
  place: "group" | "private",
  chat: StatsChatRef | null,
): Promise<StatsTarget | null> {
  if (place === "group") {
    if (ctx.chatSettings.adminsOnly && !(await isGroupAdmin(ctx))) {
      await answer(ctx, ctx.t("stats-admins-only"));
      return null;
    }
    return { kind: "bot-chat", chatId: ctx.chat.id };
  }
  if (chat === null) {
    if (isOwner(ctx)) return { kind: "account-overview" };
    await answer(ctx, `${ctx.t("stats-private-usage")}\n\n${ctx.t("stats-usage")}`);
    return null;
  }
  if (chat.kind === "username") return publicChatTarget(ctx, chat.username);
  const refusal = isOwner(ctx) ? null : await privateChatRefusal(ctx, chat.chatId);
  if (refusal !== null) {
    await answer(ctx, ctx.t(refusal));
    return null;
  }
  return { kind: "bot-chat", chatId: chat.chatId };
}

/**
 * A public group or channel named by @username, checked with the Bot API
 * before any job exists: names of no chat, of people and of bots are
 * answered here and never reach the reader account.
 */
async function publicChatTarget(
  ctx: CommandContext<BotContext>,
  username: string,
): Promise<StatsTarget | null> {
  const name = username.toLowerCase();
  const ownNames = [ctx.services.config.READER_ACCOUNT, ctx.me.username];
  if (ownNames.some((own) => own?.toLowerCase() === name)) {
    await answer(ctx, ctx.t("stats-not-a-group", { name: username }));
    return null;
  }
  const found = await publicChat(ctx.api, username, AbortSignal.timeout(10_000));
  if (found === null) {
    await answer(ctx, ctx.t("stats-no-public-chat", { name: username }));
    return null;
  }
  if (found.type === "private") {
    await answer(ctx, ctx.t("stats-not-a-group", { name: username }));
    return null;
  }
  // Settings are kept by chat id, so the group's choice holds however it is named.
  if (!isOwner(ctx)) {
    const settings = await ctx.services.settings.load(found.id, ctx.redisSignal);
    if (settings.adminsOnly) {
      const member = await chatMember(ctx.api, found.id, ctx.from!.id, AbortSignal.timeout(10_000));
      if (member === null || !isAdmin(member)) {
        await answer(ctx, ctx.t("stats-admins-only"));
        return null;
      }
    }
  }
  return { kind: "username", username, chatId: found.id };
}

/** Why a non-owner may not see chat `chatId` from private chat, or null when they may. */
async function privateChatRefusal(
  ctx: BotContext,
  chatId: number,
): Promise<"stats-cannot-check" | "stats-not-member" | "stats-admins-only" | null> {
  const member = await chatMember(ctx.api, chatId, ctx.from!.id, AbortSignal.timeout(10_000));
  if (member === null) return "stats-cannot-check";
  if (!isMember(member)) return "stats-not-member";
  const settings = await ctx.services.settings.load(chatId, ctx.redisSignal);
  if (settings.adminsOnly && !isAdmin(member)) return "stats-admins-only";
  return null;
}

/**
 * Removes text mentions (members without a @username, picked from the
 * mention list) from the text, returning who was mentioned.
 */
export function withoutTextMentions(
  text: string,
  entities: readonly MessageEntity[],
): { text: string; mentions: { userId: number; text: string }[] } {
  let result = text;
  const mentions: { userId: number; text: string }[] = [];
  for (const entity of entities) {
    if (entity.type !== "text_mention") continue;
    mentions.push({
      userId: entity.user.id,
      text: text.slice(entity.offset, entity.offset + entity.length),
    });
    // Offsets are UTF-16 code units, like JavaScript string indexes.
    result =
      result.slice(0, entity.offset) +
      " ".repeat(entity.length) +
      result.slice(entity.offset + entity.length);
  }
  return { text: result, mentions };
}

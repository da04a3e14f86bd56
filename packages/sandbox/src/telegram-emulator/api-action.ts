import { Api } from "telegram";
import type { MemberRef, ServiceDetails } from "@tgstats/engine";
import { toLong } from "@tgstats/worker/mtproto";

/** What an action needs from its message. */
export interface ActionContext {
  /** Title of the chat (creations and renames). */
  title: string;
  /** Id of the user who acted (0 when unknown). */
  actorId: number;
  /** The message's details, when the model has them; placeholders are used otherwise. */
  details: ServiceDetails | null;
  /** The user id of a member: its own, else one found by name (0 when none). */
  memberId: (member: MemberRef) => number;
}

const NO_CALL = (): Api.InputGroupCall =>
  new Api.InputGroupCall({ id: toLong(0), accessHash: toLong(0) });
const NO_PEER = (): Api.PeerUser => new Api.PeerUser({ userId: toLong(0) });

/**
 * A MessageAction for each action name tdesktop exports, with the message's
 * {@link ServiceDetails} (members, inviter, title) where it has them. Details
 * the model does not keep (call ids, amounts) are placeholders.
 * Names without a constructor in GramJS's layer (conference calls, to-do
 * updates, suggested posts…) and `unknown` become MessageActionEmpty, which
 * reads back as `unknown`.
 */
const ACTIONS: Readonly<Record<string, (context: ActionContext) => Api.TypeMessageAction>> = {
  create_group: ({ title, actorId, details, memberId }) =>
    details?.type === "chat_created"
      ? new Api.MessageActionChatCreate({
          title: details.title,
          users: longs(details.members, memberId),
        })
      : new Api.MessageActionChatCreate({ title, users: [toLong(actorId)] }),
  create_channel: ({ title, details }) =>
    new Api.MessageActionChannelCreate({
      title: details?.type === "chat_created" ? details.title : title,
    }),
  edit_group_title: ({ title, details }) =>
    new Api.MessageActionChatEditTitle({
      title: details?.type === "title_changed" ? details.title : title,
    }),
  edit_group_photo: () =>
    new Api.MessageActionChatEditPhoto({ photo: new Api.PhotoEmpty({ id: toLong(0) }) }),
  delete_group_photo: () => new Api.MessageActionChatDeletePhoto(),
  invite_members: ({ details, memberId }) =>
    new Api.MessageActionChatAddUser({
      users: details?.type === "members_added" ? longs(details.members, memberId) : [],
    }),
  remove_members: ({ actorId, details, memberId }) => {
    const member = details?.type === "members_removed" ? details.members[0] : undefined;
    return new Api.MessageActionChatDeleteUser({
      userId: toLong(member === undefined ? actorId : memberId(member)),
    });
  },
  join_group_by_link: ({ details, memberId }) => {
    const inviter = details?.type === "joined_by_link" ? details.inviter : null;
    return new Api.MessageActionChatJoinedByLink({
      inviterId: toLong(inviter === null ? 0 : memberId(inviter)),
    });
  },
  join_group_by_request: () => new Api.MessageActionChatJoinedByRequest(),
  migrate_to_supergroup: () => new Api.MessageActionChatMigrateTo({ channelId: toLong(0) }),
  migrate_from_group: ({ title: chatTitle, details }) => {
    const title = details?.type === "migrated_from_group" ? details.title : chatTitle;
    return new Api.MessageActionChannelMigrateFrom({ title, chatId: toLong(0) });
  },
  pin_message: () => new Api.MessageActionPinMessage(),
  clear_history: () => new Api.MessageActionHistoryClear(),
  score_in_game: () => new Api.MessageActionGameScore({ gameId: toLong(0), score: 0 }),
  send_payment: () => new Api.MessageActionPaymentSent({ currency: "XTR", totalAmount: toLong(1) }),
  phone_call: () => new Api.MessageActionPhoneCall({ callId: toLong(0) }),
  take_screenshot: () => new Api.MessageActionScreenshotTaken(),
  custom: () => new Api.MessageActionCustomAction({ message: "" }),
  allow_sending_messages: () => new Api.MessageActionBotAllowed({ fromRequest: true }),
  attach_menu_bot_allowed: () => new Api.MessageActionBotAllowed({ attachMenu: true }),
  web_app_bot_allowed: () =>
    new Api.MessageActionBotAllowed({
      app: new Api.BotApp({
        id: toLong(0),
        accessHash: toLong(0),
        shortName: "app",
        title: "App",
        description: "",
        photo: new Api.PhotoEmpty({ id: toLong(0) }),
        hash: toLong(0),
      }),
    }),
  send_passport_values: () => new Api.MessageActionSecureValuesSent({ types: [] }),
  joined_telegram: () => new Api.MessageActionContactSignUp(),
  proximity_reached: () =>
    new Api.MessageActionGeoProximityReached({ fromId: NO_PEER(), toId: NO_PEER(), distance: 100 }),
  group_call: () => new Api.MessageActionGroupCall({ call: NO_CALL() }),
  invite_to_group_call: () =>
    new Api.MessageActionInviteToGroupCall({ call: NO_CALL(), users: [] }),
  set_messages_ttl: () => new Api.MessageActionSetMessagesTTL({ period: 86_400 }),
  group_call_scheduled: () =>
    new Api.MessageActionGroupCallScheduled({ call: NO_CALL(), scheduleDate: 0 }),
  edit_chat_theme: () => new Api.MessageActionSetChatTheme({ emoticon: "" }),
  send_webview_data: () => new Api.MessageActionWebViewDataSent({ text: "" }),
  send_premium_gift: () =>
    new Api.MessageActionGiftPremium({ currency: "USD", amount: toLong(0), months: 3 }),
  topic_created: ({ title }) => new Api.MessageActionTopicCreate({ title, iconColor: 0 }),
  topic_edit: () => new Api.MessageActionTopicEdit({}),
  suggest_profile_photo: () =>
    new Api.MessageActionSuggestProfilePhoto({ photo: new Api.PhotoEmpty({ id: toLong(0) }) }),
  requested_peer: () => new Api.MessageActionRequestedPeer({ buttonId: 0, peers: [] }),
  set_chat_wallpaper: () =>
    new Api.MessageActionSetChatWallPaper({
      wallpaper: new Api.WallPaperNoFile({ id: toLong(0) }),
    }),
  set_same_chat_wallpaper: () =>
    new Api.MessageActionSetChatWallPaper({
      same: true,
      wallpaper: new Api.WallPaperNoFile({ id: toLong(0) }),
    }),
  gift_code_prize: () => new Api.MessageActionGiftCode({ months: 3, slug: "" }),
  giveaway_launch: () => new Api.MessageActionGiveawayLaunch({}),
  giveaway_results: () =>
    new Api.MessageActionGiveawayResults({ winnersCount: 1, unclaimedCount: 0 }),
  boost_apply: () => new Api.MessageActionBoostApply({ boosts: 1 }),
  refunded_payment: () =>
    new Api.MessageActionPaymentRefunded({
      peer: NO_PEER(),
      currency: "XTR",
      totalAmount: toLong(1),
      charge: new Api.PaymentCharge({ id: "", providerChargeId: "" }),
    }),
  send_stars_gift: () =>
    new Api.MessageActionGiftStars({ currency: "XTR", amount: toLong(1), stars: toLong(1) }),
  stars_prize: () =>
    new Api.MessageActionPrizeStars({
      stars: toLong(1),
      transactionId: "",
      boostPeer: NO_PEER(),
      giveawayMsgId: 0,
    }),
  send_star_gift: () =>
    new Api.MessageActionStarGift({
      gift: new Api.StarGift({
        id: toLong(0),
        sticker: new Api.DocumentEmpty({ id: toLong(0) }),
        stars: toLong(1),
        convertStars: toLong(1),
      }),
    }),
};

function longs(members: readonly MemberRef[], memberId: (member: MemberRef) => number) {
  return members.map((member) => toLong(memberId(member)));
}

/** The MessageAction for an export action name. */
export function apiAction(name: string, context: ActionContext): Api.TypeMessageAction {
  return ACTIONS[name]?.(context) ?? new Api.MessageActionEmpty();
}

import { Api } from "telegram";

/**
 * tdesktop's export name of each MessageAction (export_output_json.cpp),
 * so that service messages read over MTProto carry the same `serviceAction`
 * as the export reader gives for the same message.
 */
const ACTION_NAMES: Readonly<Record<string, string>> = {
  MessageActionChatCreate: "create_group",
  MessageActionChatEditTitle: "edit_group_title",
  MessageActionChatEditPhoto: "edit_group_photo",
  MessageActionChatDeletePhoto: "delete_group_photo",
  MessageActionChatAddUser: "invite_members",
  MessageActionChatDeleteUser: "remove_members",
  MessageActionChatJoinedByLink: "join_group_by_link",
  MessageActionChatJoinedByRequest: "join_group_by_request",
  MessageActionChannelCreate: "create_channel",
  MessageActionChatMigrateTo: "migrate_to_supergroup",
  MessageActionChannelMigrateFrom: "migrate_from_group",
  MessageActionPinMessage: "pin_message",
  MessageActionHistoryClear: "clear_history",
  MessageActionGameScore: "score_in_game",
  MessageActionPaymentSent: "send_payment",
  MessageActionPaymentSentMe: "send_payment",
  MessageActionPhoneCall: "phone_call",
  MessageActionScreenshotTaken: "take_screenshot",
  MessageActionCustomAction: "custom",
  MessageActionSecureValuesSent: "send_passport_values",
  MessageActionSecureValuesSentMe: "send_passport_values",
  MessageActionContactSignUp: "joined_telegram",
  MessageActionGeoProximityReached: "proximity_reached",
  MessageActionGroupCall: "group_call",
  MessageActionInviteToGroupCall: "invite_to_group_call",
  MessageActionSetMessagesTTL: "set_messages_ttl",
  MessageActionGroupCallScheduled: "group_call_scheduled",
  MessageActionSetChatTheme: "edit_chat_theme",
  MessageActionWebViewDataSent: "send_webview_data",
  MessageActionWebViewDataSentMe: "send_webview_data",
  MessageActionGiftPremium: "send_premium_gift",
  MessageActionTopicCreate: "topic_created",
  MessageActionTopicEdit: "topic_edit",
  MessageActionSuggestProfilePhoto: "suggest_profile_photo",
  MessageActionRequestedPeer: "requested_peer",
  MessageActionRequestedPeerSentMe: "requested_peer",
  MessageActionGiftCode: "gift_code_prize",
  MessageActionGiveawayLaunch: "giveaway_launch",
  MessageActionGiveawayResults: "giveaway_results",
  MessageActionBoostApply: "boost_apply",
  MessageActionPaymentRefunded: "refunded_payment",
  MessageActionGiftStars: "send_stars_gift",
  MessageActionPrizeStars: "stars_prize",
  MessageActionStarGift: "send_star_gift",
  MessageActionStarGiftUnique: "send_star_gift",
  // The export reader's name for a service record without an action.
  MessageActionEmpty: "unknown",
};

/** Actions tdesktop writes without `actor`/`actor_id`: the export reader gives them no sender. */
export const ACTORLESS_ACTIONS: ReadonlySet<string> = new Set([
  "send_payment",
  "send_passport_values",
  "proximity_reached",
  "gift_code_prize",
  "giveaway_launch",
  "giveaway_results",
  "refunded_payment",
]);

/**
 * The export's action name of a MessageAction. Actions newer than this table
 * get their class name in snake case (`MessageActionFooBar` → `foo_bar`).
 *
 * @example serviceActionName(new Api.MessageActionPinMessage()) // "pin_message"
 */
export function serviceActionName(action: Api.TypeMessageAction): string {
  if (action instanceof Api.MessageActionBotAllowed) {
    if (action.attachMenu === true) return "attach_menu_bot_allowed";
    return action.app == null ? "allow_sending_messages" : "web_app_bot_allowed";
  }
  if (action instanceof Api.MessageActionSetChatWallPaper)
    return action.same === true ? "set_same_chat_wallpaper" : "set_chat_wallpaper";
  const known = ACTION_NAMES[action.className];
  if (known !== undefined) return known;
  return action.className
    .replace(/^MessageAction/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

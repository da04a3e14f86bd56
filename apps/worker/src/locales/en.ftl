# The worker's own texts, in English: the status message and the stats job's
# messages. The summary it sends after the charts is worded in the shared
# engine's file (packages/engine/src/locales), with summary.md and the charts.
# Placeables are not isolated (see FluentTexts), so the strings here are exactly
# what users see. Numbers arrive already formatted for the language, as text.

## Progress of the status message

reading-started = Reading history…
# "Reading history: 12,300 / 48,000 (26%)"
reading-progress = Reading history: { $fetched } / { $total } ({ $percent })
eta-under-minute = less than a minute left
eta-minutes = about { $minutes } min left
eta-hours = about { $hours } h { $minutes } min left
# Shown instead of the status message when it cannot be deleted.
delivery-done = Done ✅
# Caption of report.html, sent as a document after the charts.
delivery-page-caption = Interactive report: open it in a browser, it works offline.
# When a worker was stopped while sending part of the report: that part is not sent again.
delivery-charts-may-be-missing = Some charts above may be missing: sending was interrupted. Send /stats again for the full report.
delivery-summary-may-be-missing = The summary of this report may be missing: sending was interrupted. Send /stats again for the full report.

## Names from the member list: sent only to an admin of the chat, in private

# $chat: the chat's name.
member-names-title = { $chat }: who of the members is quiet (sent to you as an admin; the chat saw counts only)
# $count: formatted.
member-names-never = Never wrote ({ $count }):
# $days: 90; $count: formatted. Each line below: name — day of the last message.
member-names-silent = Silent { $days }+ days ({ $count }), with the day of their last message:
# When the list is longer than one message: $count names left out.
member-names-more = …and { $count } more
# Sent in the chat (no names) when the admin who asked never started the bot in private.
member-names-not-started = The names of members who never wrote or went silent go to admins in a private chat with me. Open a private chat with me, press Start, then send /stats again.

## The stats job's own messages

# $minutes: how long to wait; $time: clock time (14:05) in the zone $zone.
flood-wait = Telegram asked to wait { $minutes } min; continuing at { $time } ({ $zone }).
account-logged-out = The Telegram account that reads chats for this bot is logged out. The operator has to log it in again; please try later.
# When the reading account's username is not known.
chat-not-accessible = The account that reads chats for this bot cannot see this chat. Add it to the group, then ask again.
chat-not-accessible-named = The account @{ $username } cannot read this chat. Add @{ $username } to the group, then ask again.
# The target named a person, a bot, the reading account or Saved Messages.
chat-not-reportable = Statistics are made only for groups, supergroups and channels; this is a private chat with a person or a bot, so nothing was read. Ask for a group or a channel.
# $minutes: how long to wait; $time: clock time (14:05) in the zone $zone.
username-lookups-limited = Too many chat names were looked up recently; continuing in { $minutes } min, at { $time } ({ $zone }).
# The account overview was asked by someone who is not an owner, or outside their private chat.
overview-not-allowed = The overview of the reading account's chats is only for the bot's owners, in their private chat with the bot.
job-failed = Sorry, the statistics could not be computed this time. Please try again later.
# $target: the @username asked for.
chat-not-found = No public chat { $target } exists. Check the username or the t.me link, then ask again.
# When the reading account's username is not known.
chat-admin-required = Telegram shows this chat's history only to its admins. Make the account that reads chats for this bot an admin, then ask again.
chat-admin-required-named = Telegram shows this chat's history only to its admins. Make @{ $username } an admin of the chat, then ask again.
telegram-no-answer = Telegram did not answer the account that reads chats for this bot. Please try again in a few minutes.
# The chat's admins sent /forget while this report was being made.
job-forgotten = This report was stopped: the chat's stored data was deleted with /forget. Send /stats again for a new one.
# $accounts: how many accounts read at once.
# $accounts is a number (not text), so the noun can agree with it.
reading-in-parallel = Reading the history with { $accounts } accounts in parallel…

## Account overview

overview-title = Chats by number of messages
# After each chat's number, kept short.
overview-messages-unit = messages
# Progress of the overview while it counts each chat's months ($done and $total are formatted numbers).
overview-counting = Counting messages per month in chats: { $done } / { $total }

## First look at a large chat: sent before its full report, where the report goes

# $chat: the chat's name; $minutes: the full read's estimated time, formatted.
first-look-title = 👀 First look at { $chat }: an estimate while I read its history (about { $minutes } min). The full report follows when the history is read.
# $from, $to: YYYY-MM-DD; $zone: the report's time zone.
first-look-period = Period: { $from } – { $to } ({ $zone })
# $messages: formatted.
first-look-messages = Messages: { $messages }
# Days of the period's last two weeks with a record ($active and $days are formatted numbers).
first-look-active-days = Active days { $from } – { $to }: { $active } of { $days }
first-look-months = By month:
# $asked: formatted.
first-look-writers = Top writers (people asked: { $asked }):
first-look-no-writers = Top writers: none found (people asked: { $asked }).
first-look-note = This is an estimate. "Messages" counts every history record dated in the period, service records (joins, pins) included, deleted messages not. Top writers count the messages people sent (service records not), among recent members and people known to write here only: someone else may have written more.

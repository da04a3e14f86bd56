# Every text the bot sends, in English. Placeables are not isolated (see i18n.ts),
# so the strings here are exactly what users see.

## /start and /help

help =
    I make statistics of Telegram chats and send them as charts: who writes most, when the chat is alive (weekday × hour), how activity grew, top words, phrases and emoji, who replies to whom and how fast.

    Commands:
    /stats — statistics of this group, e.g. /stats 30d
    /stats 2024 @alice — one year, one member
    /stats 2024-01-01..2024-06-30 Europe/Berlin — a date range in a time zone
    /stats @channel — in private chat: a public channel or group (or its t.me link)
    /me — your member card in this group: your share, days, hours, words and who you talk with (/me 30d for a period)
    /tz Europe/Moscow — the time zone of this chat
    /lang ru — the language of this chat (en, ru; auto for each user's own)
    /settings admins-only on — only admins may ask for stats here
    /settings html off — charts and summary without the interactive page (report.html)
    /forget — delete what I have cached about this chat (admins)

    In private chat you can also send me a result.json from Telegram Desktop (chat menu → Export chat history → format JSON), and I make a report from it.
help-reader = Bots cannot read chat history, so it is read by the account @{ $reader }. Add @{ $reader } to your group (a member can invite it like anyone else), then send /stats there.
help-reader-unknown = Bots cannot read chat history, so it is read by a separate Telegram account of this bot's operator; ask the operator which account to add to your group.

## /stats

stats-usage =
    Usage: /stats [period] [@user] [time zone]
    Period: 7d, 30d, 1y, 2024, 2024-03, 2024-01-01..2024-06-30 or all (the default).
    Examples: /stats 30d, /stats 2024 @alice, /stats 7d Europe/Moscow
    In private chat: /stats @channel or /stats https://t.me/channel for a public chat, /stats -100… for a group you are a member of.
me-usage =
    Usage: /me [period] [time zone]
    In a group: your card there. In private chat: /me -100… for a group you are a member of, /me @group for a public one.
me-private-usage = Tell me which chat: send /me inside your group, or here /me -100… for a group you are a member of.
# $token: the member that was named, quoted as typed.
me-no-member = /me is about you, so it takes no member ("{ $token }"). For someone else's card, send /stats { $token }.
me-anonymous = You are writing as the group (anonymous admin), so your messages cannot be told apart. Send /me as yourself.
stats-private-usage = Tell me which chat: send /stats inside your group, or here /stats @channel for a public chat.
stats-error-unknown-argument = I don't understand "{ $token }".
# The same words as /tz answers, with the same $token.
stats-error-unknown-time-zone = { tz-unknown }
stats-error-bad-date = "{ $token }" is not a date. Write dates as 2024, 2024-03 or 2024-03-31.
stats-error-bad-duration = "{ $token }" is not a period I can count: use a number of days, weeks, months or years from 1, e.g. 7d, 4w, 6m, 1y.
stats-error-reversed-range = The range "{ $token }" ends before it starts; swap the two dates.
stats-error-future-period = The period "{ $token }" starts in the future.
stats-error-repeated-period = Give one period only ("{ $token }" is a second one).
stats-error-repeated-time-zone = Give one time zone only ("{ $token }" is a second one).
stats-error-repeated-chat = Give one chat only ("{ $token }" is a second one).
stats-error-repeated-user = Give one member only ("{ $token }" is a second one).
stats-error-chat-not-here = In a group, /stats is about that group. To see another chat, ask me in private chat: /stats { $token }
stats-error-invite-link = Invite links cannot be opened by the bot. Send /stats inside that group, or ask here with its public @username.
stats-error-unknown-user = I don't know @{ $token } yet: a member can be named once they have written to me or sent a command in a chat with me.
stats-queued =
    { $ahead ->
        [0] Queued, you are next. The results will appear in this chat.
        [one] Queued, { $ahead } request ahead of you. The results will appear in this chat.
       *[other] Queued, { $ahead } requests ahead of you. The results will appear in this chat.
    }
stats-already-running = This is already being computed; the results will appear in this chat.
stats-not-member = You can see the statistics of this chat only if you are a member of it. Ask inside the group, or ask one of its members.
stats-cannot-check = I cannot check your membership there: I am not in that chat. Add me to the group and ask inside it.
# $name: the @username as typed, without the @.
stats-not-a-group = Statistics are made only for groups, supergroups and channels, and @{ $name } is a person or a bot. Ask for a group or a channel.
stats-no-public-chat = I can't find a public group or channel @{ $name }. Check the name; for a private group, send /stats inside it.
stats-admins-only = In this group only admins may ask for statistics.
stats-no-reader = None of the accounts that read chats for this bot is in this chat, and bots cannot read history. Add { $accounts } to the group (a member can invite it like anyone else); it is noticed within { $minutes } min, then ask again.
stats-no-reader-unnamed = None of the accounts that read chats for this bot is in this chat, and bots cannot read history. Ask the bot's operator which account to add to the group, then ask again.
rate-limited-user =
    Too many requests from you. Try again in { $unit ->
        [seconds] { $count } s.
       *[minutes] { $count } min.
    }
rate-limited-chat =
    Too many requests in this chat. Try again in { $unit ->
        [seconds] { $count } s.
       *[minutes] { $count } min.
    }

## Errors

unavailable = The bot is temporarily unavailable, try again in a minute.
error-generic = Sorry, something went wrong on my side. Please try again later.

## /tz, /lang, /settings, /forget

tz-current = The time zone of this chat is { $timeZone }. Change it with /tz Europe/Moscow (any tz database name).
tz-set = The time zone of this chat is now { $timeZone }.
tz-unknown = Unknown time zone "{ $token }". Use a name from the tz database such as Europe/Moscow, America/New_York or UTC.
lang-current = The language of this chat is { $language }. Change it with /lang en, /lang ru or /lang auto.
lang-set = The language of this chat is now English.
lang-auto = I now answer everyone here in their own Telegram language (English or Russian).
lang-unknown = I don't speak "{ $token }". Available: en, ru, or auto for each user's own language.
language-en = English
language-ru = Russian
language-auto = automatic (each user's Telegram language)
settings-show =
    Settings of this chat:
    Language: { $language }
    Time zone: { $timeZone }
    Statistics for admins only: { $adminsOnly }
    Interactive page (report.html) with each report: { $htmlPage }

    Change them with /lang en|ru|auto, /tz Europe/Moscow, /settings admins-only on|off and /settings html on|off.
settings-on = on
settings-off = off
settings-admins-only-on = Now only admins of this group may ask for statistics.
settings-admins-only-off = Now every member of this group may ask for statistics.
settings-admins-only-private = The admins-only mode is for groups: send /settings admins-only on inside the group.
settings-usage = Usage: /settings shows this chat's settings; /settings admins-only on|off allows statistics to admins only or to every member; /settings html on|off sends the interactive page (report.html) with each report or not.
settings-html-on = Reports in this chat now come with the interactive page (report.html).
settings-html-off = Reports in this chat now come without the interactive page (report.html): charts and summary only.
settings-admins-required = Only admins of this group can change this.
# After /forget: what was deleted, one count per kind (numbers).
forget-done =
    I deleted what I stored about this chat:
    • cached statistics: { $histories }
    • queued reports: { $queued }
    • reports under way, stopped: { $stopped }
    • records of finished reports: { $finished }
    • saved reading progress: { $progress }
    • the chat's address kept by reader accounts: { $addresses }
    Kept: this chat's settings (/tz, /lang, /settings admins-only and html). The next /stats reads the history again.
forget-nothing = Nothing was stored about this chat. Kept: its settings (/tz, /lang, /settings admins-only and html).
forget-private-usage = Send /forget inside the group whose cached statistics should be deleted (group admins only).

## Documents

export-too-big = This file is { $sizeMb } MB; bots can download files up to { $limitMb } MB. Compress it first (gzip result.json: an export usually shrinks to a fifth or less) and send result.json.gz, or make the report on your computer: tgstats report result.json
export-not-json = To get a report from a file, send the result.json of a Telegram Desktop export (chat menu → Export chat history → format JSON), as it is or gzipped (result.json.gz).
export-zip = A zip archive cannot be read. Unpack it and send the result.json inside (or gzip it first: gzip result.json).

## The command menu (setMyCommands)

command-start = What this bot does
command-help = Commands and examples
command-stats = Statistics of this chat: /stats 30d
command-me = Your member card in this chat: /me 30d
command-tz = Time zone of this chat: /tz Europe/Moscow
command-lang = Language of this chat: /lang en|ru|auto
command-settings = Settings: admins-only mode, the HTML page
command-forget = Delete cached statistics of this chat

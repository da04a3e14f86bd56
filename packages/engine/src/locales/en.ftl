# Texts of the shared package in English: every text more than one app shows.
# The offline report's summary.md, the summary the worker sends after the
# charts, the chart images and the report's notes. Each message is defined
# here only: the worker's and the bot's files hold their own texts alone.
# Placeables are not isolated (see i18n/fluent-texts.ts), so the strings here
# are exactly what users see. Numbers arrive already formatted, as text.

## Both the summary and the charts

# Instead of the name of a sender whose account was deleted.
deleted-account = Deleted account
# Instead of the name of a chat that has none (chart subtitles, the sent summary).
untitled-chat = Untitled chat
# The name of a report of every chat of a full-account export.
combined-chat-name = All chats
# Heading of the top senders list, and title of its chart.
top-senders = Top senders
# Heading of the list of channels posting in a group, and the chart legend for them.
channel-senders = Channels and anonymous admins

## summary.md: header

# First line of summary.md; $chat is the chat's name (or its id).
summary-title = { $chat } — chat statistics
# "Period: 2024-01-01 — 2024-12-31 (time zone Europe/Berlin)"
summary-period = Period
summary-time-zone = time zone
# "Filters: 2024-01-01 — …, sender Alice"
summary-filters = Filters
summary-filters-sender = sender
# The sent summary's line for the sender filter: "Sender: Alice".
summary-sender = Sender
# The whole summary.md when the period has no messages.
summary-no-messages = No messages.
# The sent summary's body when the period has no messages.
summary-no-messages-in-period = No messages in this period.

## summary.md: totals (list items "Messages: 9,120")

summary-messages = Messages
# After the number of service messages: "(+12 service messages)".
summary-service-messages = service messages
summary-people = People
summary-words = Words
summary-active-days = Active days

## summary.md: section headings

summary-chats = Chats
summary-highlights = Highlights
summary-emojis = Top emoji
summary-stickers = Top stickers
summary-reactions = Top reactions
summary-top-words = Top words
summary-top-phrases = Top phrases
summary-replies = Who answers whom
summary-people-section = People
summary-notes = Notes

## summary.md: lines

# After a number of messages ($count) in summary.md: "1 message", "329 messages"
# (Russian abbreviates it, as the lists there are dense).
summary-messages-unit-abbreviated =
    { $count ->
        [one] message
       *[other] messages
    }
# After a number of messages in the sent summary, spelled out: "1 message", "12 messages".
summary-messages-unit =
    { $count ->
        [one] message
       *[other] messages
    }
# After a number of days ($count): "1 day", "12 days".
summary-days-unit =
    { $count ->
        [one] day
       *[other] days
    }
summary-busiest-day = Busiest day
# "Busiest hour: Monday 20:00 (329 messages)"
summary-busiest-hour = Busiest hour
summary-longest-streak = Longest streak
summary-longest-silence = Longest silence
# People who wrote in a month: $month is "2024-12" in summary.md and "December 2024" in the
# sent summary; $quiet: people who wrote in one of the 3 months before and not in this one.
summary-people-month = People active in { $month }: { $active } (newcomers { $newcomers }, regulars { $regulars }, went quiet { $quiet })
summary-people-month-sent = People active in { $month }: { $active }, { $newcomers } of them new
# $share: a percentage such as "23.4%".
summary-top-writer = The most active person wrote { $share } of the messages
# $percent: "10%" or "50%"; $writers: how many people that is.
summary-top-writers = The top { $percent } of writers ({ $writers }) wrote { $share }
# $writers of $total people wrote at least 80 % of the messages.
summary-writers-for-80 = { $writers } of { $total } people wrote 80% of the messages
# $gini: 0.00 (everyone writes alike) to 1.00 (one person writes everything).
summary-gini = Gini coefficient of messages per person: { $gini }
# $count: replies, formatted; $delay: median reply time such as "4 min".
summary-reply-pair = { $from } → { $to }: { $count } replies, median { $delay }

## Weekdays (busiest hour, in both summaries)

weekday-monday = Monday
weekday-tuesday = Tuesday
weekday-wednesday = Wednesday
weekday-thursday = Thursday
weekday-friday = Friday
weekday-saturday = Saturday
weekday-sunday = Sunday

## Charts: titles and legends
# Charts are drawn with Noto Sans: keep to characters it has ("≈" is missing).

# Legend of the top senders chart: people (channels are "channel-senders").
chart-people = People
# Punch card title; $zone is the time zone the hours are in (Europe/Berlin).
chart-punchcard = Activity by weekday and hour · { $zone }
chart-messages-per-day = Messages per day
chart-messages-per-week = Messages per week
chart-messages-per-month = Messages per month
# Legend of the moving average line beside the counts per day, week or month.
chart-average-7-days = 7-day average
chart-average-4-weeks = 4-week average
chart-average-3-months = 3-month average
chart-top-emoji = Top emoji
chart-top-reactions = Top reactions
chart-top-words-and-phrases = Top words and phrases
chart-words = Words
chart-phrases = Phrases
# Marks counts that may be low when words were counted approximately.
chart-approximate = ~ approximate counts
chart-missing-glyphs = � no font has this character
# Stacked bars of people who wrote each month: newcomers (first message) and regulars.
chart-active-people = Active people per month
chart-newcomers = Newcomers
chart-regulars = Regulars
# Heat map: rows are months of people's first message, columns months after it.
chart-retention = Who keeps writing, by first month
# Under the heat map's title: what a cell means.
chart-retention-hint = % of each month's newcomers who wrote N months later
chart-months-after = Months after the first message
chart-channel-posts = Channel posts
chart-posts-per-month = Posts per month
chart-views-per-post = Views per post
# The image sent instead of charts for a chat with too few messages.
chart-not-enough-data = Not enough data for charts
chart-not-enough-data-hint = The chat has too few messages in this period.

## Notes at the end of a report (summary.md, report.json)

# $count: messages, formatted.
note-unsupported-messages = { $count } messages were of a type this Telegram version could not export.
# $bound: how many occurrences a word's count may lack.
note-word-estimates = Word counts are estimates for this large chat: each may be low by at most { $bound }.
# $minMessages: the least messages a month a stored word needs; $wordBound, $phraseBound: how low counts may be.
note-rare-words-dropped = Words and phrases used in fewer than { $minMessages } messages of a month are not stored, so word counts may be low by up to { $wordBound } (phrases by up to { $phraseBound }).
# Every report made from a Telegram Desktop export.
note-export-coverage = This report covers what the export contains (it may be a date range or leave chats out).
# $count: messages without a unix time; $zone: the time zone their local times were read in.
note-assumed-dates = { $count } messages carried no unix time (exported before Telegram Desktop 3.7.6); their local times were read as { $zone }. If the exporting computer was in another zone, pass it with --tz.

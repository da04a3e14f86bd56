# Texts of the shared package in English: the offline report's summary.md and
# the chart images (the CLI's report, the bot's and the worker's charts).
# Placeables are not isolated (see i18n/fluent-texts.ts), so the strings here
# are exactly what users see. Numbers arrive already formatted, as text.

## Both the summary and the charts

# Instead of the name of a sender whose account was deleted.
deleted-account = Deleted account

## summary.md: header

# First line of summary.md; $chat is the chat's name (or its id).
summary-title = { $chat } — chat statistics
# "Period: 2024-01-01 — 2024-12-31 (time zone Europe/Berlin)"
summary-period = Period
summary-time-zone = time zone
# "Filters: 2024-01-01 — …, sender Alice"
summary-filters = Filters
summary-sender = sender
# The whole summary when the period has no messages.
summary-no-messages = No messages.

## summary.md: totals (list items "Messages: 9,120")

summary-messages = Messages
# After the number of service messages: "(+12 service messages)".
summary-service-messages = service messages
summary-people = People
summary-words = Words
summary-active-days = Active days

## summary.md: section headings

summary-chats = Chats
summary-top-senders = Top senders
summary-channel-senders = Channels and anonymous admins
summary-highlights = Highlights
summary-emojis = Top emoji
summary-stickers = Top stickers
summary-reactions = Top reactions
summary-top-words = Top words
summary-top-phrases = Top phrases
summary-replies = Who answers whom
summary-notes = Notes

## summary.md: lines

# After a number of messages ($count): "1 message", "329 messages".
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
# $count: replies, formatted; $delay: median reply time such as "4 min".
summary-reply-pair = { $from } → { $to }: { $count } replies, median { $delay }

## summary.md: weekdays (busiest hour)

weekday-monday = Monday
weekday-tuesday = Tuesday
weekday-wednesday = Wednesday
weekday-thursday = Thursday
weekday-friday = Friday
weekday-saturday = Saturday
weekday-sunday = Sunday

## Charts: titles and legends
# Charts are drawn with Noto Sans: keep to characters it has ("≈" is missing).

chart-top-senders = Top senders
# Legend of the top senders chart: people, and channels posting in the group.
chart-people = People
chart-channels = Channels and anonymous admins
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
chart-channel-posts = Channel posts
chart-posts-per-month = Posts per month
chart-views-per-post = Views per post
# The image sent instead of charts for a chat with too few messages.
chart-not-enough-data = Not enough data for charts
chart-not-enough-data-hint = The chat has too few messages in this period.
# In the subtitle of every chart, for a chat without a name.
chart-untitled-chat = Untitled chat

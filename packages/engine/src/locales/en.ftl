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
# Heading of the list of channel posts per author signature (channels with signatures, anonymous admins).
summary-signatures = Posts by signature
summary-fastest = Fastest to answer
summary-conversations = Conversations
summary-questions = Questions
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
# After a number of channel posts ($count) in summary.md: "1 post", "12 posts".
summary-posts-unit =
    { $count ->
        [one] post
       *[other] posts
    }
# Instead of a signature, for the posts that carry none.
summary-no-signature = no signature
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
# Under "Fastest to answer": who is listed. $minReplies: a number.
summary-fastest-note = Median time of each person's replies to others; people with at least { $minReplies } such replies.
# $delay: median reply time such as "4 min"; $count: replies, formatted.
summary-fastest-line = { $name }: median { $delay } ({ $count } replies)
# $count: conversations, formatted; $gap: the pause that ends one, such as "30 min".
summary-conversations-count = Conversations: { $count } (a pause of { $gap } or more starts a new one)
# $messages: median messages per conversation; $duration: median duration such as "12 min".
summary-conversations-median = Median conversation: { $messages } messages, { $duration }
# Followed by names with counts: "Alice (12), Bob (7)".
# $count: replies, formatted, each answering the one before.
summary-longest-reply-chain = Longest reply chain: { $count } replies in a row
summary-conversation-starters = Who starts them
summary-revivers = Who writes first after a day or more of silence
summary-last-words = Who has the last word before a day or more of silence
# $answered, $asked: questions, formatted; $percent: "62%"; $window: "3 hr".
summary-questions-answered = Answered by someone else within { $window }: { $answered } of { $asked } questions ({ $percent })
summary-question-answerers = Who answers questions most
# Followed by "09:00 80%, 10:00 75%": the share answered by the hour a question was asked.
summary-questions-by-hour = Answered by hour asked

## Change against the previous period (both summaries)

# Heading when the report has a date range: its figures against the same number of days before it.
summary-change-range = Against the previous period
# Heading when the report covers the whole history: the last 30 days against the 30 before.
summary-change-recent = Last 30 days
# $from, $to: the period; $previousFrom, $previousTo: the period before it (dates as the summary writes them).
summary-change-windows = { $from } — { $to } against { $previousFrom } — { $previousTo }
summary-change-active-people = Active people
summary-change-newcomers = Newcomers
summary-change-joins = Joined
summary-change-leaves = Left
# After a figure that equals the previous period's: "12 (unchanged)".
summary-change-none = unchanged

## Members (both summaries)

summary-members = Members
# $joins, $leaves: formatted counts; $net: signed, such as "+12" or "−3".
summary-members-flow = Joined: { $joins }, left: { $leaves }, net { $net }
# Leaves split: removed themselves / removed by someone else.
summary-members-left = Left on their own: { $own }, removed: { $removed }
# Joins by source; "came back" = joined again after leaving.
summary-members-sources = Added: { $added }, joined on their own: { $self }, by link: { $link }, by request: { $request }, came back: { $cameBack }
summary-top-inviters = Brought the most members
# "Alice: added 12, by link 20"
summary-inviter = { $name }: added { $added }, by link { $byLink }
summary-titles = Chat titles

## Member list (both summaries; counts only, never names)

summary-member-list = Member list
# $members, $never, $silent: formatted counts; $days: 90.
summary-member-list-counts = Members now: { $members }; never wrote: { $never }; silent { $days }+ days: { $silent }
# Telegram lists at most about 10,000 members of a big group.
summary-member-list-partial = Telegram listed only { $members } of the members: the counts are of those.

## Telegram's own statistics (both summaries and the charts; only when the reader account is an admin shown them)

summary-tg-stats = Telegram's own statistics
# $from, $to: days, YYYY-MM-DD (UTC).
summary-tg-period = Telegram's period: { $from } — { $to }, against the period of the same length before it
# "Members: 1,200 (previous period: 1,100)"; numbers formatted.
summary-tg-figure = { $name }: { $value } (previous period: { $previous })
summary-tg-members = Members
summary-tg-messages = Messages
summary-tg-viewers = Members who viewed messages
summary-tg-posters = Members who wrote
summary-tg-followers = Followers
summary-tg-views-per-post = Views per post
summary-tg-shares-per-post = Shares per post
summary-tg-reactions-per-post = Reactions per post
# "Members: 1,100 on 2024-06-01 → 1,200 on 2024-06-30"
summary-tg-growth = { $name }: { $first } on { $from } → { $last } on { $to }
summary-tg-new-members-by-source = New members by source
summary-tg-new-followers-by-source = New followers by source
summary-tg-languages = Languages
summary-tg-views-by-source = Views by source
# "New members by source: URL 12 (60%), Search 8 (40%)"
summary-tg-breakdown = { $label }: { $parts }
# $enabled, $total: formatted counts; $share, $mute: percentages.
summary-tg-notifications = Notifications on: { $enabled } of { $total } followers ({ $share }); mute rate { $mute }
chart-tg-growth-members = Members by day (Telegram's statistics)
chart-tg-growth-followers = Followers by day (Telegram's statistics)
chart-tg-sources = Sources and languages (Telegram's statistics)

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
# Label of a Telegram custom emoji (a picture only Telegram has), with the end of its id.
chart-custom-emoji = custom
# Says that emoji shown as code points (U+1FAE9) or as "custom" have no picture in the chart font.
chart-emoji-without-glyph = U+…, custom: emoji the chart font has no picture for
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
# Heat map of a channel's mean views per post by the weekday and hour posts went out.
chart-best-time-to-post = Best time to post: views per post · { $zone }
# Bars of a channel's mean views per post by post kind (above) and text length (below).
chart-post-views = Views per post by kind and length
chart-views-by-kind = By kind: mean views (posts)
chart-views-by-length = By text length, characters: mean views (posts)
# Title of the heat map of replies between the most active people.
chart-reply-matrix = Who answers whom
# Under that title: how to read the heat map.
chart-reply-matrix-hint = Row: who replies · column: to whom
# The image sent instead of charts for a chat with too few messages.
# Member growth chart: joins up, leaves down, net line.
chart-members = Members joined and left
chart-members-joined = Joined
chart-members-left = Left
chart-members-net = Net
chart-not-enough-data = Not enough data for charts
chart-not-enough-data-hint = The chat has too few messages in this period.

## What people share (summary.md, the sent summary, the message kinds chart)

# Title of the message kinds chart and heading of its summary.md section.
chart-message-kinds = Messages by kind
summary-top-domains = Top sites
summary-links-by-sender = Links per person
summary-mentions = Most mentioned
summary-hashtags = Top hashtags
summary-forward-sources = Forwarded from
summary-via-bots = Inline bots
# "Links: 120"
summary-links = Links
# "Edited: 42 messages (3.1%), median 45 sec after sending"; $count: edited messages,
# $share: their share of all messages, $delay: median time to edit (without it: edit-share-only).
summary-edits = Edited: { $count } ({ $share }), median { $delay } after sending
summary-edits-untimed = Edited: { $count } ({ $share })
# "Forwarded: 17 messages"
summary-forwards = Forwarded
# One name per message kind (the kinds chart's bars, the summary's list).
message-kind-text = Text
message-kind-photo = Photo
message-kind-video = Video
message-kind-animation = GIF
message-kind-sticker = Sticker
message-kind-voice = Voice message
message-kind-video-note = Video message
message-kind-audio = Audio
message-kind-file = File
message-kind-poll = Poll
message-kind-location = Location
message-kind-venue = Venue
message-kind-contact = Contact
message-kind-game = Game
message-kind-invoice = Invoice
message-kind-todo = To-do list
message-kind-giveaway = Giveaway
message-kind-dice = Dice
message-kind-story = Story
# A kind this version has no name for.
message-kind-other = Other
# Kinds of channel posts (charts and summaries): "link" is a text post with a web link.
post-kind-photo = Photo
post-kind-video = Video
post-kind-text = Text
post-kind-link = Text with a link
post-kind-other = Other
# Text length groups of channel posts, in characters.
post-length-0 = No text
post-length-1-100 = 1–100
post-length-101-500 = 101–500
post-length-501-1000 = 501–1,000
post-length-1001-plus = Over 1,000


## Channel posts (summary.md and the sent summary)

summary-channel-posts = Channel posts
# $weekday: a weekday's name; $from, $to: "09:00", "10:00"; $views: mean views per post; $posts: posts in that hour.
summary-best-time = Best time to post: { $weekday }, { $from }–{ $to } ({ $views } views per post, { $posts } posts)
# $reactions, $forwards: per 1,000 views of all posts.
summary-per-1000-views = Per 1,000 views: { $reactions } reactions, { $forwards } forwards
# $groups: "Photo 1,200 / 950 · Video 2,000 / 1,500" (mean / median views per post).
summary-views-by-kind = Views by kind (mean / median): { $groups }
summary-views-by-length = Views by text length in characters (mean / median): { $groups }
summary-top-views = Most viewed posts
summary-top-forwards = Most forwarded posts
summary-top-reactions = Posts with the most reactions
# $days: posts of the report's last this many days are left out (they are still collecting views).
summary-bottom-views = Least viewed posts (without the last { $days } days)
summary-bottom-forwards = Least forwarded posts (without the last { $days } days)
summary-bottom-reactions = Posts with the fewest reactions (without the last { $days } days)
# A post's count in those lists; $count is formatted, $n the number (for the plural).
summary-post-views =
    { $count } { $n ->
        [one] view
       *[other] views
    }
summary-post-forwards =
    { $count } { $n ->
        [one] forward
       *[other] forwards
    }
summary-post-reactions =
    { $count } { $n ->
        [one] reaction
       *[other] reactions
    }

## Pulse of an account (tgstats pulse: summary.md and its two charts)

pulse-heat-title = Messages per chat per month
pulse-chats-title = Chats by messages, all time
# $span: "Jan 25 — Dec 26"; $zone: the time zone.
pulse-subtitle = { $span } · time zone { $zone }
pulse-groups = Groups
pulse-channels = Channels
pulse-private-chats = Private chats
pulse-mark-rising = ↑
pulse-mark-new = new
pulse-mark-steady = =
pulse-mark-fading = ↓
pulse-mark-gone-quiet = quiet
pulse-mark-silent = silent
pulse-title = Pulse of { $count } chats
pulse-period = Months: { $span } (time zone { $zone })
pulse-trend-rising = Rising
pulse-trend-new = New
pulse-trend-steady = Steady
pulse-trend-fading = Fading
pulse-trend-gone-quiet = Gone quiet
pulse-trend-silent = Silent for 15 months or more
pulse-trend-rule = A trend compares the last 3 months with the 12 before, in messages per month: rising at 1.5 times or more, fading at 1/1.5 or less, steady in between; new: no messages in the 12 months before; gone quiet: none in the last 3.
# $messages: in the shown months, formatted; $count: the same as a number (for the plural); $total: all time; $share: the owner's share, or nothing.
pulse-chat-line = { $name }: { $messages } { $count ->
        [one] message
       *[other] messages
    } ({ $total } all time){ $share }
pulse-own-share = , yours { $share }

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
# The history read does not reach the chat's start, so newcomers of the compared periods cannot be told.
note-newcomers-unknown = Newcomers are not compared with the previous period: the history read does not begin at the chat's start (its creation or first message), so a person's first message in it may not be their first in the chat.
# $count: entries of a chat's "messages" left out; $byte: the file offset of the first.
note-skipped-id-not-integer = { $count } messages skipped: id is not an integer (first at byte { $byte }).
note-skipped-no-date = { $count } messages skipped: no date that can be read (first at byte { $byte }).
note-skipped-not-an-object = { $count } entries of "messages" skipped: not a message object (first at byte { $byte }).

## Member card (summary.md's first section with a sender filter, and the bot's /me and /stats @user)

# Heading; $name is the sender's name.
card-title = { $name } — member card
# $messages, $total: formatted counts; $share: "12.5%"; $rank: place among $senders senders by messages.
card-messages = Messages: { $messages } of { $total } ({ $share }), #{ $rank } of { $senders } senders
# For a sender with no message in the period.
card-no-messages = No messages from this sender in the period.
# $member and $group: formatted counts of active days (days with a message).
card-active-days = Active days: { $member } (the group: { $group })
# $first, $last: dates such as 2024-03-01.
card-first-last = First message: { $first }, last: { $last }
# $member and $group: messages per active day, such as "4.25".
card-per-day = Messages per active day: { $member } (the group: { $group })
# $member and $group: characters per text message, such as "42.5", or "—" without text messages.
card-average-length = Average length: { $member } characters (the group: { $group })
# Followed by "Text 75% (the group 80%) · Photo 25% (the group 12%)".
card-kinds = Message kinds
# One kind: $kind its name, $member and $group shares such as "75%".
card-kind = { $kind } { $member } (the group { $group })
card-top-words = Top words
card-top-emoji = Top emoji
# Followed by "Bob (12, median 4 min), Carol (3, median 45 sec)".
card-answers-most = Answers most
card-answered-most-by = Answered most by
# $name: a person; $count: replies, formatted; $delay: median reply time such as "4 min".
card-partner = { $name } ({ $count }, median { $delay })
# $count: the sum of reactions on the sender's messages, formatted.
card-reactions = Reactions received: { $count }
# $member and $group: busiest weekday and hour, such as "Monday 20:00".
card-busiest-hour = Busiest hour: { $member } (the group: { $group })
# Chart titles: the sender's weekday × hour card beside the group's ($zone: the report's time zone), and kinds beside the group's; cells and bars are shares of each one's messages.
chart-card-punchcard = When { $name } writes, and the group · { $zone }
chart-card-kinds = Message kinds of { $name } and of the group
chart-card-group = The group
## Reactions received (summary.md, the sent summary, the karma chart)

summary-reactions-received = Reactions received
summary-top-reacted = Most reacted messages
# After a number of reactions: "1 reaction", "12 reactions".
summary-reactions-unit =
    { $count ->
        [one] reaction
       *[other] reactions
    }
# $received: "9 reactions"; $perMessage: reactions per message the person wrote, "1.5".
summary-karma-line = { $name }: { $received } ({ $perMessage } per message)
# Names a message without its text: who wrote it and when ("Alice, 10 Jan 2024").
summary-reacted-message-title = { $name }, { $date }
# $message: the line above, a link where the chat has one; $reactions: "12 reactions"; $top: its most given reaction.
summary-reacted-message = { $message }: { $reactions }, mostly { $top }
# A paid reaction (Telegram Stars given to a message), after a star: "⭐ Stars".
reaction-paid = Stars
# A custom emoji reaction (a picture only Telegram has), named by the emoji it stands for: "👍 (custom)".
reaction-custom = { $alt } (custom)
# A custom emoji reaction whose emoji is not known (exports do not name it), before the end of its id.
reaction-custom-unknown = custom emoji

# Тексты общего пакета по-русски: все тексты, которые показывают несколько
# приложений. summary.md офлайн-отчёта, сводка, которую воркер отправляет после
# графиков, картинки графиков и примечания отчёта. Каждое сообщение задано
# только здесь: в файлах воркера и бота — лишь их собственные тексты. Подстановки не изолируются
# (см. i18n/fluent-texts.ts), так что строки здесь — ровно то, что видит
# пользователь. Числа приходят уже отформатированными, текстом.

## И в summary.md, и на графиках

# Вместо имени отправителя, чей аккаунт удалён.
deleted-account = Удалённый аккаунт
# Вместо названия чата, у которого его нет (подзаголовки графиков, отправленная сводка).
untitled-chat = Чат без названия
# Название отчёта по всем чатам полного экспорта аккаунта.
combined-chat-name = Все чаты
# Заголовок списка самых активных и название его графика.
top-senders = Самые активные
# Заголовок списка каналов, пишущих в группу, и их легенда на графике.
channel-senders = Каналы и анонимные админы

## summary.md: заголовок

# Первая строка summary.md; $chat — название чата (или его id).
summary-title = { $chat } — статистика чата
# «Период: 2024-01-01 — 2024-12-31 (часовой пояс Europe/Moscow)»
summary-period = Период
summary-time-zone = часовой пояс
# «Фильтры: 2024-01-01 — …, отправитель Alice»
summary-filters = Фильтры
summary-filters-sender = отправитель
# Строка фильтра по отправителю в отправленной сводке: «Отправитель: Alice».
summary-sender = Отправитель
# Весь summary.md, когда за период нет сообщений.
summary-no-messages = Сообщений нет.
# Тело отправленной сводки, когда за период нет сообщений.
summary-no-messages-in-period = За этот период сообщений нет.

## summary.md: итоги (пункты списка «Сообщений: 9 120»)

summary-messages = Сообщений
# После числа служебных сообщений: «(+12 служебных)».
summary-service-messages = служебных
summary-people = Участников
summary-words = Слов
summary-active-days = Активных дней

## summary.md: заголовки разделов

summary-chats = Чаты
summary-highlights = Рекорды
summary-emojis = Топ эмодзи
summary-stickers = Топ стикеров
summary-reactions = Топ реакций
summary-top-words = Топ слов
summary-top-phrases = Топ фраз
summary-replies = Кто кому отвечает
# Заголовок списка публикаций канала по подписи автора (каналы с подписями, анонимные админы).
summary-signatures = Публикации по подписи
summary-fastest = Кто быстрее отвечает
summary-conversations = Разговоры
summary-questions = Вопросы
summary-people-section = Люди
summary-notes = Примечания

## summary.md: строки

# После числа публикаций канала ($count) в summary.md; сокращение подходит к любому числу (1 публ., 5 публ.).
summary-posts-unit = публ.
# Вместо подписи — для публикаций без неё.
summary-no-signature = без подписи
# После числа сообщений ($count) в summary.md; сокращение подходит к любому числу (1 сообщ., 5 сообщ.).
summary-messages-unit-abbreviated = сообщ.
# После числа сообщений в отправленной сводке, полностью: «1 сообщение», «3 сообщения», «5 сообщений».
summary-messages-unit =
    { $count ->
        [one] сообщение
        [few] сообщения
        [many] сообщений
       *[other] сообщения
    }
# После числа дней ($count), как выше.
summary-days-unit = дн.
summary-busiest-day = Самый активный день
# «Самый активный час: понедельник 20:00 (329 сообщ.)»
summary-busiest-hour = Самый активный час
summary-longest-streak = Самая длинная серия
summary-longest-silence = Самое долгое затишье
# Кто писал за месяц: $month — «2024-12» в summary.md и «декабрь 2024 г.» (винительный = именительный) в отправленной
# сводке; $quiet — писали в одном из 3 предыдущих месяцев, а в этом нет.
summary-people-month = Писали за { $month }: { $active } (новых { $newcomers }, постоянных { $regulars }, замолчали { $quiet })
summary-people-month-sent = Писали за { $month }: { $active }, из них новых { $newcomers }
# $share — доля, например «23,4 %».
summary-top-writer = Самый активный участник написал { $share } сообщений
# $percent — «10 %» или «50 %»; $writers — сколько это человек.
summary-top-writers = Самые активные { $percent } пишущих ({ $writers }) написали { $share }
# $writers из $total человек написали 80 % сообщений.
summary-writers-for-80 = 80 % сообщений написали { $writers } из { $total } человек
# $gini — от 0,00 (все пишут поровну) до 1,00 (пишет один).
summary-gini = Коэффициент Джини по сообщениям на человека: { $gini }
# $count — число ответов, $delay — медиана времени ответа, например «4 мин».
summary-reply-pair = { $from } → { $to }: ответов { $count }, медиана { $delay }
# Под «Кто быстрее отвечает»: кто в списке. $minReplies — число.
summary-fastest-note = Медиана времени ответов каждого другим участникам; в списке те, у кого таких ответов не меньше { $minReplies }.
# $delay — медиана времени ответа, например «4 мин»; $count — число ответов.
summary-fastest-line = { $name }: медиана { $delay } (ответов: { $count })
# $count — число разговоров; $gap — пауза, после которой начинается новый, например «30 мин».
summary-conversations-count = Разговоров: { $count } (пауза от { $gap } начинает новый)
# $messages — медиана сообщений в разговоре; $duration — медиана длительности, например «12 мин».
summary-conversations-median = Медианный разговор: сообщений { $messages }, { $duration }
# Дальше имена с числами: «Аня (12), Борис (7)».
# $count — число ответов, каждый на предыдущий.
summary-longest-reply-chain = Самая длинная цепочка ответов: { $count } подряд
summary-conversation-starters = Кто начинает
summary-revivers = Кто пишет первым после суток тишины и дольше
summary-last-words = За кем последнее слово перед сутками тишины и дольше
# $answered, $asked — число вопросов; $percent — «62 %»; $window — «3 ч».
summary-questions-answered = Ответил кто-то другой в течение { $window }: { $answered } из { $asked } вопросов ({ $percent })
summary-question-answerers = Кто чаще отвечает на вопросы
# Дальше «09:00 80 %, 10:00 75 %»: доля отвеченных по часу, когда задан вопрос.
summary-questions-by-hour = Доля отвеченных по часу вопроса

## Изменение к предыдущему периоду (обе сводки)

# Заголовок, когда у отчёта есть диапазон дат: его числа против стольких же дней перед ним.
summary-change-range = К предыдущему периоду
# Заголовок, когда отчёт за всю историю: последние 30 дней против 30 дней до них.
summary-change-recent = Последние 30 дней
# $from, $to — период; $previousFrom, $previousTo — период перед ним (даты в виде, как их пишет сводка).
summary-change-windows = { $from } — { $to } против { $previousFrom } — { $previousTo }
summary-change-active-people = Активных людей
summary-change-newcomers = Новичков
summary-change-joins = Пришли
summary-change-leaves = Ушли
# После числа, равного числу предыдущего периода: «12 (без изменений)».
summary-change-none = без изменений

## Участники (обе сводки)

summary-members = Участники
# $joins, $leaves — числа; $net — со знаком, например «+12» или «−3».
summary-members-flow = Пришли: { $joins }, ушли: { $leaves }, итог { $net }
# Ушедшие: сами / удалены кем-то.
summary-members-left = Вышли сами: { $own }, удалены: { $removed }
# Пришедшие по способу; «вернулись» — пришли снова после ухода.
summary-members-sources = Добавлены: { $added }, вступили сами: { $self }, по ссылке: { $link }, по заявке: { $request }, вернулись: { $cameBack }
summary-top-inviters = Больше всех привели
# «Анна: добавила 12, по ссылке 20»
summary-inviter = { $name }: добавлено { $added }, по ссылке { $byLink }
summary-titles = Названия чата

## Список участников (в обеих сводках; только числа, без имён)

summary-member-list = Список участников
summary-member-list-counts = Участников сейчас: { $members }; ни разу не писали: { $never }; молчат { $days }+ дней: { $silent }
summary-member-list-partial = Telegram показал только { $members } участников: числа — по ним.

## Собственная статистика Telegram (обе сводки и графики; только если читающий аккаунт — админ, которому она видна)

summary-tg-stats = Статистика Telegram
# $from, $to — дни, ГГГГ-ММ-ДД (UTC).
summary-tg-period = Период Telegram: { $from } — { $to }, в сравнении с таким же периодом перед ним
# «Участники: 1 200 (предыдущий период: 1 100)»
summary-tg-figure = { $name }: { $value } (предыдущий период: { $previous })
summary-tg-members = Участники
summary-tg-messages = Сообщения
summary-tg-viewers = Смотревшие сообщения
summary-tg-posters = Писавшие участники
summary-tg-followers = Подписчики
summary-tg-views-per-post = Просмотров на пост
summary-tg-shares-per-post = Репостов на пост
summary-tg-reactions-per-post = Реакций на пост
# «Участники: 1 100 на 2024-06-01 → 1 200 на 2024-06-30»
summary-tg-growth = { $name }: { $first } на { $from } → { $last } на { $to }
summary-tg-new-members-by-source = Новые участники по источникам
summary-tg-new-followers-by-source = Новые подписчики по источникам
summary-tg-languages = Языки
summary-tg-views-by-source = Просмотры по источникам
summary-tg-breakdown = { $label }: { $parts }
summary-tg-notifications = Уведомления включены: у { $enabled } из { $total } подписчиков ({ $share }); без звука { $mute }
chart-tg-growth-members = Участники по дням (статистика Telegram)
chart-tg-growth-followers = Подписчики по дням (статистика Telegram)
chart-tg-sources = Источники и языки (статистика Telegram)

## Дни недели (самый активный час, в обеих сводках)

weekday-monday = понедельник
weekday-tuesday = вторник
weekday-wednesday = среда
weekday-thursday = четверг
weekday-friday = пятница
weekday-saturday = суббота
weekday-sunday = воскресенье

## Графики: заголовки и легенды
# Графики рисуются шрифтом Noto Sans: только символы, которые в нём есть (нет «≈»).

# Легенда графика самых активных: люди (каналы — «channel-senders»).
chart-people = Люди
# Заголовок тепловой карты; $zone — часовой пояс часов (Europe/Moscow).
chart-punchcard = Активность по дням и часам · { $zone }
chart-messages-per-day = Сообщений в день
chart-messages-per-week = Сообщений в неделю
chart-messages-per-month = Сообщений в месяц
# Легенда линии скользящего среднего рядом с числами за день, неделю или месяц.
chart-average-7-days = Среднее за 7 дней
chart-average-4-weeks = Среднее за 4 недели
chart-average-3-months = Среднее за 3 месяца
chart-top-emoji = Популярные эмодзи
chart-top-reactions = Популярные реакции
chart-top-words-and-phrases = Частые слова и фразы
chart-words = Слова
chart-phrases = Фразы
# Помечает числа, которые могут быть занижены при приблизительном подсчёте слов.
chart-approximate = ~ приблизительные числа
chart-missing-glyphs = � нет шрифта для этого символа
# Подпись своего эмодзи Telegram (картинки, которая есть только у Telegram) с концом его id.
chart-custom-emoji = свой
# Говорит, что эмодзи, показанных кодом (U+1FAE9) или как «свой», нет в шрифте графика.
chart-emoji-without-glyph = U+…, свой: эмодзи, которых нет в шрифте графика
# Столбцы тех, кто писал в месяце: новые (первое сообщение) и постоянные.
chart-active-people = Активные участники по месяцам
chart-newcomers = Новые
chart-regulars = Постоянные
# Тепловая карта: строки — месяц первого сообщения, столбцы — месяцы после него.
chart-retention = Кто продолжает писать, по месяцу прихода
# Под заголовком тепловой карты: что значит клетка.
chart-retention-hint = % новичков месяца, писавших через N месяцев
chart-months-after = Месяцев после первого сообщения
chart-channel-posts = Публикации канала
chart-posts-per-month = Публикаций в месяц
chart-views-per-post = Просмотров на публикацию
# Тепловая карта: средние просмотры публикации по дню недели и часу публикации.
chart-best-time-to-post = Когда публиковать: просмотры на пост · { $zone }
# Столбцы: средние просмотры публикации по виду (вверху) и длине текста (внизу).
chart-post-views = Просмотры публикаций по виду и длине
chart-views-by-kind = По виду: просмотров в среднем (публикаций)
chart-views-by-length = По длине текста, симв.: в среднем (публикаций)
# Заголовок тепловой карты ответов между самыми активными участниками.
chart-reply-matrix = Кто кому отвечает
# Под заголовком: как читать карту.
chart-reply-matrix-hint = Строка — кто отвечает, столбец — кому
# Картинка вместо графиков для чата, где слишком мало сообщений.
# График участников: пришедшие вверх, ушедшие вниз, линия итога.
chart-members = Участники: пришли и ушли
chart-members-joined = Пришли
chart-members-left = Ушли
chart-members-net = Итог
chart-not-enough-data = Недостаточно данных для графиков
chart-not-enough-data-hint = В чате слишком мало сообщений за этот период.

## Чем делятся (summary.md, отправленная сводка, график видов сообщений)

# Название графика видов сообщений и заголовок его раздела в summary.md.
chart-message-kinds = Сообщения по видам
summary-top-domains = Топ сайтов
summary-links-by-sender = Ссылки по участникам
summary-mentions = Чаще всего упоминают
summary-hashtags = Топ хештегов
summary-forward-sources = Откуда пересылают
summary-via-bots = Инлайн-боты
# «Ссылок: 120»
summary-links = Ссылок
# «Отредактировано: 42 (3,1 %), медиана — 45 с после отправки»; $count — отредактированных
# сообщений, $share — их доля, $delay — медиана времени до правки.
summary-edits = Отредактировано: { $count } ({ $share }), медиана — { $delay } после отправки
summary-edits-untimed = Отредактировано: { $count } ({ $share })
# «Переслано: 17»
summary-forwards = Переслано
# Название каждого вида сообщений (полосы графика, список в сводке).
message-kind-text = Текст
message-kind-photo = Фото
message-kind-video = Видео
message-kind-animation = GIF
message-kind-sticker = Стикер
message-kind-voice = Голосовое
message-kind-video-note = Видеосообщение
message-kind-audio = Аудио
message-kind-file = Файл
message-kind-poll = Опрос
message-kind-location = Геопозиция
message-kind-venue = Место
message-kind-contact = Контакт
message-kind-game = Игра
message-kind-invoice = Счёт
message-kind-todo = Список задач
message-kind-giveaway = Розыгрыш
message-kind-dice = Кубик
message-kind-story = История
# Вид, которому эта версия не знает названия.
message-kind-other = Другое
# Виды публикаций канала (графики и сводки): «со ссылкой» — текст с веб-ссылкой.
post-kind-photo = Фото
post-kind-video = Видео
post-kind-text = Текст
post-kind-link = Текст со ссылкой
post-kind-other = Другое
# Длина текста публикаций, в символах.
post-length-0 = Без текста
post-length-1-100 = 1–100
post-length-101-500 = 101–500
post-length-501-1000 = 501–1 000
post-length-1001-plus = Больше 1 000


## Публикации канала (summary.md и отправленная сводка)

summary-channel-posts = Публикации канала
# $weekday — день недели; $from, $to — «09:00», «10:00»; $views — просмотров на публикацию в среднем; $posts — публикаций в этот час.
summary-best-time = Лучшее время для публикаций: { $weekday }, { $from }–{ $to } (просмотров на публикацию: { $views }, публикаций: { $posts })
# $reactions, $forwards — на 1 000 просмотров всех публикаций.
summary-per-1000-views = На 1 000 просмотров: реакций { $reactions }, пересылок { $forwards }
# $groups: «Фото 1 200 / 950 · Видео 2 000 / 1 500» (просмотров на публикацию: среднее / медиана).
summary-views-by-kind = Просмотры по виду (среднее / медиана): { $groups }
summary-views-by-length = Просмотры по длине текста в символах (среднее / медиана): { $groups }
summary-top-views = Больше всего просмотров
summary-top-forwards = Чаще всего пересылали
summary-top-reactions = Больше всего реакций
# $days — публикации последних стольких дней отчёта не учитываются (они ещё набирают просмотры).
summary-bottom-views = Меньше всего просмотров (без последних { $days } дн.)
summary-bottom-forwards = Реже всего пересылали (без последних { $days } дн.)
summary-bottom-reactions = Меньше всего реакций (без последних { $days } дн.)
# Число у публикации в этих списках; $count уже отформатировано, $n — само число (не нужно: форма после двоеточия одна).
summary-post-views = просмотров: { $count }
summary-post-forwards = пересылок: { $count }
summary-post-reactions = реакций: { $count }

## Пульс аккаунта (tgstats pulse: summary.md и два графика)

pulse-heat-title = Сообщения по чатам и месяцам
pulse-chats-title = Чаты по числу сообщений за всё время
pulse-subtitle = { $span } · часовой пояс { $zone }
pulse-groups = Группы
pulse-channels = Каналы
pulse-private-chats = Личные чаты
pulse-mark-rising = ↑
pulse-mark-new = новый
pulse-mark-steady = =
pulse-mark-fading = ↓
pulse-mark-gone-quiet = затих
pulse-mark-silent = молчит
pulse-title = Пульс { $count } чатов
pulse-period = Месяцы: { $span } (часовой пояс { $zone })
pulse-trend-rising = Растут
pulse-trend-new = Новые
pulse-trend-steady = Ровные
pulse-trend-fading = Угасают
pulse-trend-gone-quiet = Затихли
pulse-trend-silent = Молчат 15 месяцев и дольше
pulse-trend-rule = Тренд сравнивает последние 3 месяца с 12 месяцами до них, в сообщениях в месяц: рост — в 1,5 раза и больше, угасание — в 1,5 раза меньше и ниже, между ними — ровно; новый — ни одного сообщения за 12 месяцев до того; затих — ни одного за последние 3.
pulse-chat-line = { $name }: { $messages } { $count ->
        [one] сообщение
        [few] сообщения
       *[other] сообщений
    } ({ $total } за всё время){ $share }
pulse-own-share = , ваших { $share }

## Примечания в конце отчёта (summary.md, report.json)

# $count — число сообщений, отформатированное.
note-unsupported-messages = Сообщений такого типа, который эта версия Telegram не смогла экспортировать: { $count }.
# $bound — на сколько может быть занижено число употреблений слова.
note-word-estimates = Числа слов в этом большом чате приблизительные: каждое может быть занижено не больше чем на { $bound }.
# $minMessages — меньше скольких сообщений за месяц слово не хранится; $wordBound, $phraseBound — насколько занижены числа.
note-rare-words-dropped = Слова и фразы, которые встретились меньше чем в { $minMessages } сообщениях за месяц, не хранятся, поэтому числа слов могут быть занижены до { $wordBound } (числа фраз — до { $phraseBound }).
# В каждом отчёте по экспорту Telegram Desktop.
note-export-coverage = Отчёт охватывает то, что есть в экспорте (это может быть лишь часть периода или не все чаты).
# $count — число сообщений без времени unix; $zone — часовой пояс, в котором прочитано их местное время.
note-assumed-dates = Сообщений без времени unix (экспорт старше Telegram Desktop 3.7.6): { $count }; их местное время прочитано в поясе { $zone }. Если компьютер, с которого делали экспорт, был в другом поясе, укажите его через --tz.
# Прочитанная история не доходит до начала чата, поэтому новичков сравниваемых периодов не определить.
note-newcomers-unknown = Новички не сравниваются с предыдущим периодом: прочитанная история не начинается с начала чата (его создания или первого сообщения), и первое сообщение человека в ней может быть не первым в чате.
# $count — сколько записей из "messages" чата пропущено; $byte — смещение первой в файле.
note-skipped-id-not-integer = Пропущено сообщений: { $count } — id не целое число (первое на байте { $byte }).
note-skipped-no-date = Пропущено сообщений: { $count } — нет даты, которую можно прочитать (первое на байте { $byte }).
note-skipped-not-an-object = Пропущено записей в "messages": { $count } — это не объект сообщения (первая на байте { $byte }).

## Карточка участника (первый раздел summary.md с фильтром по отправителю, ответ бота на /me и /stats @user)

# Заголовок; $name — имя отправителя.
card-title = { $name } — карточка участника
# $messages, $total — числа; $share — «12,5 %»; $rank — место среди $senders отправителей по числу сообщений.
card-messages = Сообщений: { $messages } из { $total } ({ $share }), { $rank }-е место из { $senders }
# Для отправителя без сообщений за период.
card-no-messages = У этого отправителя нет сообщений за период.
# $member и $group — число активных дней (дней с сообщениями).
card-active-days = Активных дней: { $member } (у группы: { $group })
# $first, $last — даты вида 2024-03-01.
card-first-last = Первое сообщение: { $first }, последнее: { $last }
# $member и $group — сообщений в активный день, например «4,25».
card-per-day = Сообщений в активный день: { $member } (у группы: { $group })
# $member и $group — символов в текстовом сообщении, например «42,5», или «—», если текстовых нет.
card-average-length = Средняя длина: { $member } симв. (у группы: { $group })
# Дальше «Текст 75 % (у группы 80 %) · Фото 25 % (у группы 12 %)».
card-kinds = Типы сообщений
# Один тип: $kind — название, $member и $group — доли, например «75 %».
card-kind = { $kind } { $member } (у группы { $group })
card-top-words = Частые слова
card-top-emoji = Частые эмодзи
# Дальше «Борис (12, медиана 4 мин), Вера (3, медиана 45 сек)».
card-answers-most = Чаще всего отвечает
card-answered-most-by = Чаще всего отвечают этому участнику
# $name — человек; $count — число ответов; $delay — медиана времени ответа, например «4 мин».
card-partner = { $name } ({ $count }, медиана { $delay })
# $count — сумма реакций на сообщения отправителя.
card-reactions = Получено реакций: { $count }
# $member и $group — самый активный день недели и час, например «понедельник 20:00».
card-busiest-hour = Самый активный час: { $member } (у группы: { $group })
# Заголовки графиков: день недели × час отправителя рядом с группой ($zone — часовой пояс отчёта); типы сообщений рядом с группой; клетки и столбцы — доли сообщений каждого.
chart-card-punchcard = Когда пишет { $name } и группа · { $zone }
chart-card-kinds = Типы сообщений: { $name } и группа
chart-card-group = Группа
## Реакции на сообщения (summary.md, отправленная сводка, график «кармы»)

summary-reactions-received = Реакции на сообщения
summary-top-reacted = Сообщения с наибольшим числом реакций
# После числа реакций: «1 реакция», «3 реакции», «12 реакций».
summary-reactions-unit =
    { $count ->
        [one] реакция
        [few] реакции
        [many] реакций
       *[other] реакции
    }
# $received — «9 реакций»; $perMessage — реакций на одно сообщение человека, «1,5».
summary-karma-line = { $name }: { $received } ({ $perMessage } на сообщение)
# Сообщение без его текста: кто написал и когда («Аня, 10 января 2024 г.»).
summary-reacted-message-title = { $name }, { $date }
# $message — строка выше, ссылкой, если у чата есть ссылки; $reactions — «12 реакций»; $top — самая частая реакция.
summary-reacted-message = { $message }: { $reactions }, больше всего { $top }
# Платная реакция (звёзды Telegram), после звезды: «⭐ Звёзды».
reaction-paid = Звёзды
# Свой эмодзи Telegram (картинка, которая есть только у Telegram), названный эмодзи, которое он изображает: «👍 (свой)».
reaction-custom = { $alt } (свой)
# Свой эмодзи, чьё эмодзи неизвестно (экспорт его не называет), перед концом его id.
reaction-custom-unknown = свой эмодзи

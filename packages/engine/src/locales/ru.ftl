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
# $count — сколько записей из "messages" чата пропущено; $byte — смещение первой в файле.
note-skipped-id-not-integer = Пропущено сообщений: { $count } — id не целое число (первое на байте { $byte }).
note-skipped-no-date = Пропущено сообщений: { $count } — нет даты, которую можно прочитать (первое на байте { $byte }).
note-skipped-not-an-object = Пропущено записей в "messages": { $count } — это не объект сообщения (первая на байте { $byte }).

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

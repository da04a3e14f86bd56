# Тексты общего пакета по-русски: summary.md офлайн-отчёта и картинки
# графиков (отчёт CLI, графики бота и воркера). Подстановки не изолируются
# (см. i18n/fluent-texts.ts), так что строки здесь — ровно то, что видит
# пользователь. Числа приходят уже отформатированными, текстом.

## И в summary.md, и на графиках

# Вместо имени отправителя, чей аккаунт удалён.
deleted-account = Удалённый аккаунт

## summary.md: заголовок

# Первая строка summary.md; $chat — название чата (или его id).
summary-title = { $chat } — статистика чата
# «Период: 2024-01-01 — 2024-12-31 (часовой пояс Europe/Moscow)»
summary-period = Период
summary-time-zone = часовой пояс
# «Фильтры: 2024-01-01 — …, отправитель Alice»
summary-filters = Фильтры
summary-sender = отправитель
# Вся сводка, когда за период нет сообщений.
summary-no-messages = Сообщений нет.

## summary.md: итоги (пункты списка «Сообщений: 9 120»)

summary-messages = Сообщений
# После числа служебных сообщений: «(+12 служебных)».
summary-service-messages = служебных
summary-people = Участников
summary-words = Слов
summary-active-days = Активных дней

## summary.md: заголовки разделов

summary-chats = Чаты
summary-top-senders = Самые активные
summary-channel-senders = Каналы и анонимные админы
summary-highlights = Рекорды
summary-emojis = Топ эмодзи
summary-stickers = Топ стикеров
summary-reactions = Топ реакций
summary-top-words = Топ слов
summary-top-phrases = Топ фраз
summary-replies = Кто кому отвечает
summary-notes = Примечания

## summary.md: строки

# После числа сообщений ($count); сокращение подходит к любому числу (1 сообщ., 5 сообщ.).
summary-messages-unit = сообщ.
# После числа дней ($count), как выше.
summary-days-unit = дн.
summary-busiest-day = Самый активный день
# «Самый активный час: понедельник 20:00 (329 сообщ.)»
summary-busiest-hour = Самый активный час
summary-longest-streak = Самая длинная серия
summary-longest-silence = Самое долгое затишье
# $count — число ответов, $delay — медиана времени ответа, например «4 мин».
summary-reply-pair = { $from } → { $to }: ответов { $count }, медиана { $delay }

## summary.md: дни недели (самый активный час)

weekday-monday = понедельник
weekday-tuesday = вторник
weekday-wednesday = среда
weekday-thursday = четверг
weekday-friday = пятница
weekday-saturday = суббота
weekday-sunday = воскресенье

## Графики: заголовки и легенды
# Графики рисуются шрифтом Noto Sans: только символы, которые в нём есть (нет «≈»).

chart-top-senders = Самые активные
# Легенда графика самых активных: люди и каналы, пишущие в группу.
chart-people = Люди
chart-channels = Каналы и анонимные админы
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
chart-channel-posts = Публикации канала
chart-posts-per-month = Публикаций в месяц
chart-views-per-post = Просмотров на публикацию
# Картинка вместо графиков для чата, где слишком мало сообщений.
chart-not-enough-data = Недостаточно данных для графиков
chart-not-enough-data-hint = В чате слишком мало сообщений за этот период.
# В подзаголовке каждого графика, для чата без названия.
chart-untitled-chat = Чат без названия

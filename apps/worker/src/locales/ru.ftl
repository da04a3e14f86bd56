# Все тексты воркера по-русски. Подстановки не изолируются
# (см. delivery/delivery-texts.ts), так что строки здесь — ровно то, что видит пользователь.
# Числа приходят уже отформатированными для языка, как текст.

## Ход чтения в сообщении о статусе

reading-started = Читаю историю…
# «Читаю историю: 12 300 / 48 000 (26 %)»
reading-progress = Читаю историю: { $fetched } / { $total } ({ $percent })
eta-under-minute = осталось меньше минуты
eta-minutes = осталось около { $minutes } мин
eta-hours = осталось около { $hours } ч { $minutes } мин
# Вместо сообщения о статусе, когда его нельзя удалить.
delivery-done = Готово ✅

## Сводка и подпись к альбому

summary-title = { $chat } — статистика чата
untitled-chat = Чат без названия
summary-period = Период
summary-time-zone = часовой пояс
summary-sender = Отправитель
summary-messages = Сообщений
summary-people = Участников
summary-words = Слов
summary-active-days = Активных дней
summary-top-senders = Самые активные
summary-busiest-day = Самый активный день
summary-busiest-hour = Самый активный час
# После числа сообщений: «1 сообщение», «3 сообщения», «5 сообщений».
summary-messages-unit =
    { $count ->
        [one] сообщение
        [few] сообщения
        [many] сообщений
       *[other] сообщения
    }
deleted-account = Удалённый аккаунт
summary-no-messages = За этот период сообщений нет.

## Дни недели (самый активный час)

weekday-monday = понедельник
weekday-tuesday = вторник
weekday-wednesday = среда
weekday-thursday = четверг
weekday-friday = пятница
weekday-saturday = суббота
weekday-sunday = воскресенье

## Сообщения самой задачи статистики

# $minutes — сколько ждать; $time — время (14:05) в часовом поясе $zone.
flood-wait = Telegram попросил подождать { $minutes } мин; продолжу в { $time } ({ $zone }).
account-logged-out = Аккаунт Telegram, которым бот читает чаты, вышел из системы. Оператору нужно войти заново; попробуйте позже.
# Когда имя читающего аккаунта неизвестно.
chat-not-accessible = Аккаунт, которым бот читает чаты, не видит этот чат. Добавьте его в группу и спросите снова.
chat-not-accessible-named = Аккаунт @{ $username } не может читать этот чат. Добавьте @{ $username } в группу и спросите снова.
job-failed = Не получилось посчитать статистику. Попробуйте позже.
# The chat's admins sent /forget while this report was being made.
job-forgotten = Отчёт остановлен: сохранённые данные чата удалены командой /forget. Отправьте /stats ещё раз, чтобы получить новый.
# $accounts — сколько аккаунтов читают одновременно.
# $accounts is a number (not text), so the noun can agree with it.
reading-in-parallel =
    Читаю историю параллельно { $accounts ->
        [one] { $accounts } аккаунтом
       *[other] { $accounts } аккаунтами
    }…

## Обзор аккаунта

overview-title = Чаты по числу сообщений
# После числа сообщений каждого чата, коротко.
overview-messages-unit = сообщ.

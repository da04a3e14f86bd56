/** The `/stats` usage the bot appends to every argument error, as users see it. */
export const USAGE_EN = [
  "Usage: /stats [period] [@user] [time zone]",
  "Period: 7d, 30d, 1y, 2024, 2024-03, 2024-01-01..2024-06-30 or all (the default).",
  "Examples: /stats 30d, /stats 2024 @alice, /stats 7d Europe/Moscow",
  "In private chat: /stats @channel or /stats https://t.me/channel for a public chat, /stats -100… for a group you are a member of.",
].join("\n");

/** The same in Russian. */
export const USAGE_RU = [
  "Как пользоваться: /stats [период] [@участник] [часовой пояс]",
  "Период: 7d, 30d, 1y, 2024, 2024-03, 2024-01-01..2024-06-30 или all (по умолчанию).",
  "Примеры: /stats 30d, /stats 2024 @alice, /stats 7d Europe/Moscow",
  "В личном чате: /stats @channel или /stats https://t.me/channel для публичного чата, /stats -100… для группы, в которой вы состоите.",
].join("\n");

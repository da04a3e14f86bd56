/**
 * Word lists, names and emoji the synthetic export draws from. Lists are ranked
 * roughly by chat frequency (most frequent first) because the generator samples
 * them with a Zipf law, so "top words" charts come out realistic.
 *
 * Nothing here may contain a backslash, "@", "#" or "http": those would need
 * entities (mentions, hashtags, links), which only the rich-text path creates.
 */

/** Languages a synthetic person writes in. */
export type CorpusLanguage = "ru" | "uk" | "en";

function words(list: string): readonly string[] {
  return list.split(/\s+/).filter((word) => word.length > 0);
}

/** Russian chat vocabulary, ~330 words, stop words first. */
export const RUSSIAN_WORDS = words(`
и в не на я что а с это как ну так да у но ты по все он мы там то же бы за вот ещё уже если
только меня тут его от к из мне для о нет вы когда они было или есть будет может очень просто
можно надо кто где тоже сейчас потом даже сегодня завтра вчера всё ничего чем себя тебе тебя
нас вас их она был была были быть этот эта эти этого почему зачем какой какая какие сколько
много мало лучше хорошо плохо норм конечно вообще кстати короче блин типа щас спасибо пожалуйста
привет давай давайте думаю знаю кажется наверное точно реально ладно понятно согласен правда
время день год раз работа работе дом дома город люди человек друзья деньги вопрос ответ проблема
идея дело новости фото видео ссылка чат группа телефон код проект задача встреча вечер утро ночь
неделя выходные понедельник пятница погода дождь снег солнце кофе чай пицца еда обед ужин кино
фильм сериал музыка игра книга машина метро поезд отпуск море горы собака кот котик сделать
сделал сказать говорит сказал смотреть посмотри посмотрел написать напиши написал читать
прочитал пойти пойдём идти иду ехать еду приехал купить купил взять возьму работать работаю
думать понять понял знать хотеть хочу хочешь хотел любить люблю нравится играть жить живу спать
ждать жду помочь найти нашёл отправить отправил скинь скинул позвони звонил новый новая старый
большой маленький хороший плохой интересный смешной странный классный крутой важный последний
первый следующий нормально отлично круто жаль ахах лол окей ага ого ужас капец жесть вроде
вместе опять снова сразу совсем почти особенно всегда никогда иногда часто быстро медленно
поздно рано долго недавно скоро здесь туда сюда оттуда отсюда везде нигде какой-то что-то
кто-то где-то когда-то чтобы потому поэтому хотя пока после перед через между около против
без под над про ради мой моя мои твой твоя наш наша ваш свой свою сам сама сами один одна два
три пять десять сто тысяча половина минута минуту час часа утром вечером ночью днём неделю
месяц лето зима осень весна праздник подарок день_рождения магазин офис дача квартира машину
ремонт доставка заказ цена скидка рубль рублей зарплата налоги банк карта билеты самолёт
аэропорт гостиница паспорт виза врач больница аптека школа универ экзамен сессия курс учёба
`).map((word) => word.replace("_", " "));

/** Ukrainian chat vocabulary, ~220 words (apostrophes written as U+0027; the generator varies them). */
export const UKRAINIAN_WORDS = words(`
і в у не на що я це з та а як так але ти ми ви вони він вона вже ще тут там теж дуже можна
треба коли де чому хто який яка які сьогодні завтра вчора зараз потім тому бо якщо нічого все
всі дякую привіт добре гарно звісно мабуть справді здається думаю знаю хочу можу роблю зробив
сказав написав подивись подивився прочитав їду йду прийшов купив працюю робота день тиждень
ранок вечір ніч місто люди людина друзі гроші питання відповідь проблема ідея новини фото відео
посилання чат телефон кава чай їжа обід вечеря кіно фільм музика гра книжка машина потяг
відпустка море гори собака кіт погода дощ сніг сонце вихідні понеділок п'ятниця м'ясо п'ять
дев'ять сім'я пам'ять здоров'я обов'язково об'єкт інтерв'ю комп'ютер м'який з'їсти з'явився
під'їзд ім'я м'яч п'ятдесят дев'яносто сім'ї прислів'я об'єднання з'ясувати бур'ян пір'я
розв'язати зв'язок прем'єра разом знову одразу зовсім майже завжди ніколи іноді
часто швидко повільно пізно рано довго нещодавно скоро всюди щось хтось десь колись щоб тому
хоча поки після перед через між біля проти без під над про мій моя мої твій твоя наш наша ваш
свій сам сама один одна два три десять сто тисяча хвилина година вранці ввечері вночі вдень
місяць літо зима осінь весна свято подарунок магазин офіс дача квартира ремонт доставка
замовлення ціна знижка гривня гривень зарплата банк картка квитки літак аеропорт готель
паспорт лікар лікарня аптека школа університет іспит сесія навчання борщ вареники сало
`);

/** English chat vocabulary, ~320 words, stop words first. */
export const ENGLISH_WORDS = words(`
the i you to a and it is that of in for on this we have but not with be are just so do what was
at my me like can if they get know all it's don't i'm no yes yeah ok okay lol will one about up
out think good now time there how when go your he she them our would really more got see from
some too here people want need make going thanks thank today tomorrow yesterday tonight week
weekend day night morning work home city friends money question answer problem idea news photo
video link chat group phone code project task meeting coffee tea pizza food lunch dinner movie
film show music game book car train trip vacation beach mountains dog cat weather rain snow sun
nice great cool awesome bad new old big small funny weird important last first next maybe
probably actually honestly basically literally anyway though still already again never always
sometimes soon later sorry please hey hi bye wow omg haha hmm sure exactly agree right wrong
true check look watch read write send call buy try find help wait play love hate feel said told
saw made went came bought sent found tried can't that's didn't won't let's you're isn't
wasn't i've we're they're doesn't everyone someone something anything nothing everything
because since until while after before during between against without under over into onto
then than also only even much many most very well better best worse worst pretty quite enough
lot lots bit kind sort thing things stuff place way part life world year month hour minute
second moment family kids mom dad brother sister guy guys girl team boss office school class
exam test job deal price sale ticket flight hotel doctor birthday party holiday gift plan
plans update release bug fix build deploy server laptop screen battery internet wifi app
`);

/** Common multi-word phrases, so "top phrases" charts have something to find. */
export const PHRASES: Readonly<Record<CorpusLanguage, readonly string[]>> = {
  ru: [
    "доброе утро",
    "спокойной ночи",
    "с днём рождения",
    "всем привет",
    "как дела",
    "так себе",
    "не знаю",
    "я думаю",
    "на самом деле",
    "в общем",
    "честно говоря",
    "кто-нибудь знает",
    "есть кто",
    "до завтра",
    "с новым годом",
    "хорошего дня",
    "ну такое",
    "в смысле",
  ],
  uk: [
    "доброго ранку",
    "на добраніч",
    "з днем народження",
    "як справи",
    "не знаю",
    "до завтра",
    "гарного дня",
    "слава богу",
    "всім привіт",
  ],
  en: [
    "good morning",
    "good night",
    "happy birthday",
    "i don't know",
    "to be honest",
    "by the way",
    "see you tomorrow",
    "what do you think",
    "anyone knows",
    "makes sense",
    "sounds good",
  ],
};

/** One-word and tiny replies, the bulk of real chat traffic. */
export const SHORT_REPLIES: Readonly<Record<CorpusLanguage, readonly string[]>> = {
  ru: [
    "да",
    "ок",
    "ага",
    "нет",
    "ахах",
    "+",
    "спасибо",
    "понял",
    "лол",
    "ахахах",
    "+1",
    "угу",
    "спс",
    "понятно",
    "жиза",
    "ору",
    "согласен",
    "неа",
    "хз",
    "норм",
    "го",
    "круто",
    "класс",
    "мда",
    "ого",
    "ну да",
    "в смысле?",
    "чего?",
    "а?",
    "пон",
    ")))",
    "))",
    "кек",
    "мб",
  ],
  uk: ["так", "ок", "ні", "дякую", "добре", "згоден", "ага", "круто", "ясно", "зрозумів", "ахах"],
  en: [
    "ok",
    "yes",
    "lol",
    "no",
    "thx",
    "sure",
    "nice",
    "cool",
    "same",
    "true",
    "agreed",
    "omg",
    "yep",
    "nope",
    "haha",
    "k",
    "lmao",
    "ty",
  ],
};

/** Rare lines in Chinese, Japanese and Korean (no spaces between words: tokenizer food). */
export const CJK_LINES: readonly string[] = [
  "今天天气很好",
  "谢谢你的帮助！",
  "我们明天见",
  "加油！",
  "おはようございます",
  "本当にありがとう",
  "これはペンです",
  "좋은 아침이에요",
  "감사합니다",
  "没问题，马上到",
];

/**
 * Emoji used inside texts, most frequent first. Includes ZWJ sequences, flags,
 * skin tones, keycaps, and both the emoji-style ❤️ (with U+FE0F) and the bare ❤
 * (text by default, so the report does not count it).
 */
export const TEXT_EMOJI: readonly string[] = [
  "😂",
  "❤️",
  "👍",
  "🤣",
  "😊",
  "🔥",
  "😁",
  "😅",
  "🙏",
  "😭",
  "❤",
  "🥲",
  "😍",
  "🤔",
  "👌",
  "😉",
  "🎉",
  "💪",
  "🙈",
  "😎",
  "👍🏽",
  "😢",
  "🤷‍♂️",
  "🤦‍♀️",
  "👀",
  "✨",
  "💯",
  "🥰",
  "😡",
  "🤯",
  "🇺🇦",
  "🇷🇺",
  "😴",
  "☕",
  "🎂",
  "🚀",
  "👏",
  "🙃",
  "🤝",
  "👋🏻",
  "🫶",
  "💔",
  "❤️‍🔥",
  "🇺🇸",
  "1️⃣",
  "2️⃣",
  "🏳️‍🌈",
  "👨‍👩‍👧‍👦",
  "👩‍💻",
  "🙏🏼",
  "💪🏾",
  "👌🏿",
  "☀️",
  "✌️",
  "🍕",
  "🇬🇧",
  "🇩🇪",
  "3️⃣",
  "#️⃣",
  "🧑‍🚀",
  "🏃‍♂️",
];

/** Reactions as Telegram sends them (no U+FE0F: "❤", "❤‍🔥", "🕊"), most frequent first. */
export const REACTION_EMOJI: readonly string[] = [
  "👍",
  "❤",
  "🔥",
  "😁",
  "🤣",
  "👏",
  "🤔",
  "😢",
  "🎉",
  "🙏",
  "👌",
  "💯",
  "❤‍🔥",
  "🤡",
  "😱",
  "🥰",
  "🐳",
  "🌚",
  "😭",
  "🤯",
  "👎",
  "🤩",
  "🕊",
  "💔",
  "🤝",
  "🗿",
  "🆒",
  "🤷‍♂",
  "😈",
  "👀",
];

/** Sticker emoji (`sticker_emoji`), most frequent first. */
export const STICKER_EMOJI: readonly string[] = [
  "😂",
  "👍",
  "❤️",
  "😭",
  "😡",
  "🤔",
  "😘",
  "🥺",
  "😎",
  "🙈",
  "😱",
  "🎉",
  "😴",
  "👋",
  "🤗",
  "😏",
  "🐱",
  "🤡",
];

/** Hashtags without the "#". */
export const HASHTAGS: readonly string[] = [
  "новости",
  "мем",
  "вопрос",
  "работа",
  "оффтоп",
  "важно",
  "news",
  "meme",
  "help",
  "идея",
  "подборка",
  "анонс",
  "флуд",
  "travel",
  "новини",
];

/** Link templates; "*" is replaced by a random slug. */
export const LINK_TEMPLATES: readonly string[] = [
  "https://youtu.be/*",
  "https://www.youtube.com/watch?v=*",
  "https://github.com/tgstats/*",
  "https://habr.com/ru/articles/*/",
  "https://t.me/durov/*",
  "https://en.wikipedia.org/wiki/*",
  "https://www.instagram.com/p/*/",
  "https://docs.google.com/document/d/*/edit",
  "https://x.com/someone/status/*",
  "https://music.yandex.ru/album/*",
  "https://vc.ru/u/*",
  "google.com",
  "https://www.reddit.com/r/programming/comments/*/",
];

/** Visible texts of `text_link` entities. */
export const TEXT_LINK_LABELS: readonly string[] = [
  "вот тут",
  "статья",
  "ссылка",
  "here",
  "this article",
  "тут",
  "подробнее",
  "docs",
];

/** Names of channels messages get forwarded from. */
export const FORWARD_SOURCES: readonly string[] = [
  "Медуза — LIVE",
  "Лентач",
  "Дизайн-кот",
  "Tech News",
  "Хабр",
  "Новини України",
  "Reuters",
  "Мемы про котиков 🐈",
  "Python Digest",
];

/** Default chat titles, one picked per seed. */
export const CHAT_NAMES: readonly string[] = [
  "Кухня разработчиков",
  "Дача 2022 🏡",
  "Клуб любителей кофе ☕",
  "Однокурсники ФИВТ",
  "Київ IT-нетворкінг",
  "Board games night 🎲",
  "Бег по утрам 🏃",
  "Путешествия без гида ✈️",
  "Мамы двора",
  "Frontend chat",
];

/** Russian first names (male, female) and surname stems with both gender forms. */
export const RUSSIAN_NAMES = {
  male: words(
    "Александр Дмитрий Максим Сергей Андрей Алексей Артём Илья Кирилл Михаил Никита Иван Егор Павел Роман Олег Денис Антон Лёша Женя",
  ),
  female: words(
    "Анна Мария Елена Ольга Наталья Екатерина Татьяна Ирина Юлия Дарья Алина Полина Ксения Светлана Вика Настя Аня Катя Лена",
  ),
  surnames: [
    ["Иванов", "Иванова"],
    ["Смирнов", "Смирнова"],
    ["Кузнецов", "Кузнецова"],
    ["Попов", "Попова"],
    ["Соколов", "Соколова"],
    ["Лебедев", "Лебедева"],
    ["Козлов", "Козлова"],
    ["Новиков", "Новикова"],
    ["Морозов", "Морозова"],
    ["Волков", "Волкова"],
    ["Фёдоров", "Фёдорова"],
    ["Белов", "Белова"],
  ] as const,
};

/** Ukrainian first names (some with apostrophes) and surnames (same for both genders). */
export const UKRAINIAN_NAMES = {
  male: words("Олександр Тарас Богдан Андрій Дмитро Сергій Олег Юрій Василь В'ячеслав Остап"),
  female: words("Оксана Наталія Ірина Юлія Ольга Марія Софія Мар'яна Христина Леся Галина"),
  surnames: words(
    "Шевченко Коваленко Бондаренко Ткаченко Кравченко Мельник Бойко Ковальчук Савченко Олійник Лисенко Руденко",
  ),
};

/** English first names and surnames (one with an apostrophe). */
export const ENGLISH_NAMES = {
  first: words(
    "Alex John Emily Sarah Michael David Anna Kate Mark Chris James Emma Olivia Daniel Tom",
  ),
  surnames: words("Smith Johnson Brown Miller Wilson Taylor Clark Lee Walker Young O'Brien Evans"),
};

/** Display names people pick instead of a real name (emoji, stylised Unicode, nicknames). */
export const NICKNAMES: readonly string[] = [
  "kotik",
  "Лёха",
  "Макс",
  "Sasha 🐱",
  "Катя ✨",
  "𝕯𝖆𝖗𝖐",
  "Mr. Smith",
  "dimon",
  "🌸 Аня 🌸",
  "Бабушка",
  "ᴀʟɪɴᴀ",
  "Дядя Миша",
];

/** Titles anonymous group admins post under (`author`). */
export const ADMIN_TITLES: readonly string[] = ["Админ", "Модератор", "Бот-хозяин", "admin"];

/** Poll questions and answer sets. */
export const POLLS: readonly { question: string; answers: readonly string[] }[] = [
  {
    question: "Когда встречаемся?",
    answers: ["В субботу", "В воскресенье", "На следующей неделе"],
  },
  { question: "Куда идём?", answers: ["Бар", "Кино", "Парк", "Дома сидим"] },
  { question: "Pizza or sushi?", answers: ["Pizza 🍕", "Sushi 🍣"] },
  { question: "Коли зустрічаємось?", answers: ["У п'ятницю", "У суботу", "Не можу"] },
  { question: "Tabs or spaces?", answers: ["Tabs", "Spaces", "Whatever prettier says"] },
];

/** Venues and plain points for location messages. */
export const PLACES: readonly {
  name: string;
  address: string;
  latitude: number;
  longitude: number;
}[] = [
  {
    name: "Кофейня на углу",
    address: "ул. Пушкина, 10",
    latitude: 55.751244,
    longitude: 37.618423,
  },
  { name: "Парк Горького", address: "Крымский Вал, 9", latitude: 55.7298, longitude: 37.6031 },
  { name: "Хрещатик", address: "вул. Хрещатик, 22", latitude: 50.4501, longitude: 30.5234 },
  { name: "Central Park", address: "New York, NY", latitude: 40.785091, longitude: -73.968285 },
  { name: "Невский проспект", address: "Санкт-Петербург", latitude: 59.9343, longitude: 30.3351 },
];

/** Documents people send: name, MIME type, typical size in bytes. */
export const DOCUMENTS: readonly { name: string; mime: string; sizeBytes: number }[] = [
  { name: "document.pdf", mime: "application/pdf", sizeBytes: 420_000 },
  {
    name: "Отчёт_2022.xlsx",
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    sizeBytes: 58_000,
  },
  {
    name: "презентация.pptx",
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    sizeBytes: 3_400_000,
  },
  { name: "archive.zip", mime: "application/zip", sizeBytes: 12_000_000 },
  { name: "notes.txt", mime: "text/plain", sizeBytes: 2_300 },
  {
    name: "Договор аренды.docx",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    sizeBytes: 96_000,
  },
  { name: "IMG_20220514_183022.jpg", mime: "image/jpeg", sizeBytes: 4_100_000 },
];

/** Songs for audio files: performer, title. */
export const SONGS: readonly { performer: string; title: string }[] = [
  { performer: "Кино", title: "Группа крови" },
  { performer: "Океан Ельзи", title: "Обійми" },
  { performer: "Queen", title: "Don't Stop Me Now" },
  { performer: "Земфира", title: "Хочешь?" },
  { performer: "Daft Punk", title: "Get Lucky" },
];

import { BAD_REQUEST, badRequest, type BotApiError } from "./bot-api-error.js";

/**
 * Telegram's HTML parse mode, reduced to what a fake needs: the markup must
 * be valid (known tags, properly nested) and the text is measured after the
 * markup is removed. Why by hand: Telegram's HTML is its own tiny dialect
 * (unknown tags are errors, `&` alone is text), which an HTML5 parser would
 * accept silently, so it could not catch an unescaped `<` in a user's name.
 */

const TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "tg-emoji",
  "tg-time",
  "code",
  "pre",
  "blockquote",
]);

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/**
 * The text a message shows for `raw` sent with `parseMode`, or a 400
 * "can't parse entities" answer worded like Telegram's.
 *
 * @example plainText("<b>Top</b> &lt;3", "HTML") // "Top <3"
 */
export function plainText(raw: string, parseMode: string | null): string {
  if (parseMode === null || parseMode === "") return raw;
  const mode = parseMode.toLowerCase();
  if (mode === "html") return parseHtml(raw);
  // Markdown modes are counted as sent: nothing here sends them.
  if (mode === "markdown" || mode === "markdownv2") return raw;
  throw badRequest(`unsupported parse_mode`);
}

function parseHtml(raw: string): string {
  const open: string[] = [];
  let out = "";
  let index = 0;
  while (index < raw.length) {
    const char = raw[index]!;
    if (char === "&") {
      const [text, length] = entity(raw, index);
      out += text;
      index += length;
    } else if (char === "<") {
      index = raw[index + 1] === "/" ? endTag(raw, index, open) : startTag(raw, index, open);
    } else {
      out += char;
      index += 1;
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined)
    throw entityError(`Can't find end tag corresponding to start tag "${unclosed}"`);
  return out;
}

/** A character reference and its length; an unknown one is a literal `&`. */
function entity(raw: string, index: number): [string, number] {
  const match = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(raw.slice(index, index + 12));
  if (match === null) return ["&", 1];
  const name = match[1]!;
  if (name.startsWith("#")) {
    const code =
      name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (code > 0 && code <= 0x10ffff) return [String.fromCodePoint(code), match[0].length];
    return ["&", 1];
  }
  const text = NAMED_ENTITIES[name.toLowerCase()];
  return text === undefined ? ["&", 1] : [text, match[0].length];
}

function startTag(raw: string, index: number, open: string[]): number {
  const close = raw.indexOf(">", index);
  if (close === -1)
    throw entityError(`Unclosed start tag at byte offset ${byteOffset(raw, index)}`);
  const name = (/^[a-z0-9-]*/i.exec(raw.slice(index + 1))?.[0] ?? "").toLowerCase();
  if (!TAGS.has(name))
    throw entityError(`Unsupported start tag "${name}" at byte offset ${byteOffset(raw, index)}`);
  if (name === "span" && !/class\s*=\s*["']?tg-spoiler/i.test(raw.slice(index, close)))
    throw entityError(
      `Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(raw, index)}`,
    );
  open.push(name);
  return close + 1;
}

function endTag(raw: string, index: number, open: string[]): number {
  const close = raw.indexOf(">", index);
  const name = raw
    .slice(index + 2, close === -1 ? raw.length : close)
    .trim()
    .toLowerCase();
  const expected = open.pop();
  if (expected === undefined)
    throw entityError(`Unexpected end tag at byte offset ${byteOffset(raw, index)}`);
  if (close === -1 || name !== expected)
    throw entityError(
      `Unmatched end tag at byte offset ${byteOffset(raw, index)}, expected "</${expected}>", found "</${name}>"`,
    );
  return close + 1;
}

function byteOffset(raw: string, index: number): number {
  return Buffer.byteLength(raw.slice(0, index), "utf8");
}

function entityError(detail: string): BotApiError {
  return badRequest(BAD_REQUEST.parseEntities(detail));
}

/**
 * Draws ZWJ emoji sequences that begin with a text-default character
 * (❤️‍🔥, 🏳️‍🌈, ⛓️‍💥) as the one colour glyph the emoji font has for them.
 *
 * Skia's paragraph shaper in @napi-rs/canvas 1.1.1 cuts such a sequence before
 * its first emoji-default part and shapes the pieces apart, so the font's
 * ligature never applies and ❤️‍🔥 comes out as ❤️ 🔥. Measured: it happens
 * with the emoji font alone as the family, with or without U+FE0F, while
 * HarfBuzz on the same font file gives one glyph; the cut does not happen when
 * an emoji-default character comes right before the sequence. So such a
 * sequence is drawn after a "carrier" emoji, with the carrier clipped away, and
 * measured as the difference of the two widths. Written by hand: no library
 * fixes the shaper; everything else is drawn by Skia as is.
 */
import type { Canvas, SKRSContext2D } from "@napi-rs/canvas";

/** An emoji-default character the emoji font has; drawn left of the sequence, then clipped. */
const CARRIER = "\u{1F600}";
/** A text-default pictograph (U+FE0F or not) joined by ZWJ to more: the case Skia cuts. */
const TEXT_LED_ZWJ_SEQUENCE = /^(?=\p{Extended_Pictographic})\P{Emoji_Presentation}\uFE0F?\u200D/u;
const ZWJ = "\u200D";

/** A part of a text: drawn as is, or after the carrier. */
interface TextPiece {
  text: string;
  carried: boolean;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * `text` cut around its text-led ZWJ sequences, or null when it has none
 * (nearly always: only texts with U+200D are looked at).
 *
 * @example shapingPieces("a❤️‍🔥b") // [{ text: "a", carried: false }, { text: "❤️‍🔥", carried: true }, { text: "b", carried: false }]
 */
export function shapingPieces(text: string): TextPiece[] | null {
  if (!text.includes(ZWJ)) return null;
  const pieces: TextPiece[] = [];
  let plain = "";
  for (const { segment } of graphemes.segment(text)) {
    if (!TEXT_LED_ZWJ_SEQUENCE.test(segment)) {
      plain += segment;
      continue;
    }
    if (plain !== "") pieces.push({ text: plain, carried: false });
    plain = "";
    pieces.push({ text: segment, carried: true });
  }
  if (pieces.length === 0) return null;
  if (plain !== "") pieces.push({ text: plain, carried: false });
  return pieces;
}

/** The part of the 2D context the workaround uses. */
type TextContext = Pick<
  SKRSContext2D,
  | "measureText"
  | "fillText"
  | "strokeText"
  | "save"
  | "restore"
  | "beginPath"
  | "rect"
  | "clip"
  | "textAlign"
>;

function pieceWidth(context: TextContext, piece: TextPiece): number {
  if (!piece.carried) return context.measureText(piece.text).width;
  return context.measureText(CARRIER + piece.text).width - context.measureText(CARRIER).width;
}

/**
 * Width of `text` in the context's current font as it is drawn by
 * {@link drawShapedText}.
 */
export function measureShapedText(context: TextContext, text: string): number {
  const pieces = shapingPieces(text);
  if (pieces === null) return context.measureText(text).width;
  return pieces.reduce((sum, piece) => sum + pieceWidth(context, piece), 0);
}

/** Room for any glyph's height around the baseline, in user units: the clip only cuts on the left. */
const CLIP_REACH = 1e5;

/**
 * Fills or strokes `text` at (x, y) like `fillText`/`strokeText`, with every
 * text-led ZWJ sequence as one glyph. Honours `textAlign`; `textBaseline`
 * applies to each piece alike.
 */
export function drawShapedText(
  context: TextContext,
  method: "fillText" | "strokeText",
  text: string,
  x: number,
  y: number,
): void {
  const pieces = shapingPieces(text);
  if (pieces === null) {
    context[method](text, x, y);
    return;
  }
  const widths = pieces.map((piece) => pieceWidth(context, piece));
  const total = widths.reduce((sum, width) => sum + width, 0);
  const align = context.textAlign;
  let left = x;
  if (align === "right" || align === "end") left = x - total;
  else if (align === "center") left = x - total / 2;
  context.save();
  context.textAlign = "left";
  for (const [index, piece] of pieces.entries()) {
    if (piece.carried) {
      const carrierWidth = context.measureText(CARRIER).width;
      context.save();
      context.beginPath();
      context.rect(left, y - CLIP_REACH, CLIP_REACH, 2 * CLIP_REACH);
      context.clip();
      context[method](CARRIER + piece.text, left - carrierWidth, y);
      context.restore();
    } else {
      context[method](piece.text, left, y);
    }
    left += widths[index]!;
  }
  context.restore();
}

/** `target[property]`, bound to `target` if a method: native objects reject any other `this`. */
function bound(target: object, property: string | symbol): unknown {
  const value: unknown = Reflect.get(target, property, target);
  return typeof value === "function"
    ? (value as (...args: unknown[]) => unknown).bind(target)
    : value;
}

/**
 * A view of `context` whose `fillText` and `strokeText` go through
 * {@link drawShapedText}; everything else reaches the context itself.
 */
export function withShapedText(context: SKRSContext2D): SKRSContext2D {
  return new Proxy(context, {
    get(target, property) {
      if (property === "fillText" || property === "strokeText")
        return (text: string, x: number, y: number) => drawShapedText(target, property, text, x, y);
      return bound(target, property);
    },
    set(target, property, value) {
      return Reflect.set(target, property, value, target);
    },
  });
}

/**
 * A view of `canvas` whose 2D context is {@link withShapedText}'s, for
 * `echarts.init`; sizes set on it reach the canvas itself.
 */
export function withShapedTextCanvas(canvas: Canvas): Canvas {
  let context: SKRSContext2D | null = null;
  return new Proxy(canvas, {
    get(target, property) {
      if (property === "getContext")
        return () => (context ??= withShapedText(target.getContext("2d")));
      return bound(target, property);
    },
    set(target, property, value) {
      return Reflect.set(target, property, value, target);
    },
  });
}

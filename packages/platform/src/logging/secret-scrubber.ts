/** A secret a service knows from its configuration, named by the setting it came from. */
export interface NamedSecret {
  /** The setting, e.g. `BOT_TOKEN` or `TG_SESSIONS[2]`: safe to print. */
  setting: string;
  value: string;
}

/** What a scrubbed secret is replaced with. */
export const SCRUBBED_TEXT = "[redacted]";

/**
 * Secrets shorter than this are not scrubbed by value: blanking every "admin"
 * or "1234" in every line would garble logs while hiding next to nothing.
 * Such a secret is reported in {@link SecretScrubber.tooShort} instead.
 */
export const MIN_SCRUBBED_SECRET_LENGTH = 6;

/** Removes known secret values from any text before it leaves the process. */
export interface SecretScrubber {
  /** True when there is nothing to scrub (then every method returns its input). */
  readonly isEmpty: boolean;
  /** Settings whose values are too short to scrub by value; say so at start. */
  readonly tooShort: readonly string[];
  /** The text with every secret, raw or URL-encoded, replaced by {@link SCRUBBED_TEXT}. */
  readonly scrub: (text: string) => string;
  /**
   * The same for serialized JSON (a log line): secrets are matched in their
   * JSON-escaped form, and escape sequences are never cut, so the line stays valid JSON.
   */
  readonly scrubJson: (json: string) => string;
  /**
   * Scrubs an error in place, with its stack, `cause` chain, nested errors
   * (AggregateError's `errors`, grammY's `HttpError.error`) and string fields,
   * and returns it: its class stays, so `instanceof` checks still work.
   */
  readonly scrubError: <E>(error: E) => E;
}

/** `text` as a literal inside a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** A literal of a URL-encoded text that matches its `%xx` escapes in either letter case. */
function percentLiteral(encoded: string): string {
  return literal(encoded).replace(
    /%([0-9A-F])([0-9A-F])/g,
    (_all, high: string, low: string) =>
      `%${/[A-F]/.test(high) ? `[${high}${high.toLowerCase()}]` : high}${/[A-F]/.test(low) ? `[${low}${low.toLowerCase()}]` : low}`,
  );
}

/** One alternation of the given forms, longest first (so a secret is never half-replaced by a shorter one). */
function alternation(forms: Iterable<string>): string {
  return [...new Set(forms)].sort((a, b) => b.length - a.length || a.localeCompare(b)).join("|");
}

/**
 * A quick test that is false only when `text` surely holds none of `forms`:
 * it looks for each form's start up to its first `%` (whose hex digits may
 * come in either case).
 */
function prefilter(forms: readonly string[]): (text: string) => boolean {
  const starts = [...new Set(forms.map((form) => form.slice(0, form.indexOf("%") >>> 0)))];
  if (starts.includes("")) return () => true;
  return (text) => starts.some((start) => text.includes(start));
}

/** JSON's escape sequences: matched as a whole so a secret is never found half inside one. */
const JSON_ESCAPE = String.raw`\\(?:u[0-9a-fA-F]{4}|.)`;

/**
 * A scrubber for `secrets`: each is removed as written, URL-encoded (as in a
 * request URL: `bot123%3AABC`) and JSON-escaped. Empty and short values are skipped.
 *
 * @example
 * const scrubber = createSecretScrubber([{ setting: "BOT_TOKEN", value: token }]);
 * scrubber.scrub(`request to https://api.telegram.org/bot${token}/getMe failed`);
 * // "request to https://api.telegram.org/bot[redacted]/getMe failed"
 */
export function createSecretScrubber(secrets: readonly NamedSecret[]): SecretScrubber {
  const tooShort = secrets
    .filter(({ value }) => value !== "" && value.length < MIN_SCRUBBED_SECRET_LENGTH)
    .map(({ setting }) => setting);
  const values = [
    ...new Set(
      secrets.map(({ value }) => value).filter((v) => v.length >= MIN_SCRUBBED_SECRET_LENGTH),
    ),
  ];
  if (values.length === 0) return identityScrubber(tooShort);
  const textForms = values.flatMap((value) => [
    literal(value),
    percentLiteral(encodeURIComponent(value)),
  ]);
  const jsonForms = values.flatMap((value) => [
    literal(JSON.stringify(value).slice(1, -1)),
    percentLiteral(encodeURIComponent(value)),
  ]);
  const textPattern = new RegExp(alternation(textForms), "g");
  const jsonPattern = new RegExp(`(${alternation(jsonForms)})|${JSON_ESCAPE}`, "g");
  // Most lines hold no secret: a few substring searches (fast in V8) skip the regex for them.
  const textMayHold = prefilter(values.flatMap((v) => [v, encodeURIComponent(v)]));
  const jsonMayHold = prefilter(
    values.flatMap((v) => [JSON.stringify(v).slice(1, -1), encodeURIComponent(v)]),
  );
  const scrub = (text: string): string =>
    textMayHold(text) ? text.replace(textPattern, SCRUBBED_TEXT) : text;
  return {
    isEmpty: false,
    tooShort,
    scrub,
    scrubJson: (json) =>
      jsonMayHold(json)
        ? json.replace(jsonPattern, (match, secret: string | undefined) =>
            secret === undefined ? match : SCRUBBED_TEXT,
          )
        : json,
    scrubError: (error) => {
      scrubErrorTree(error, scrub, new Set());
      return error;
    },
  };
}

function identityScrubber(tooShort: readonly string[]): SecretScrubber {
  return {
    isEmpty: true,
    tooShort,
    scrub: (text) => text,
    scrubJson: (json) => json,
    scrubError: (error) => error,
  };
}

/** How deep nested errors are followed (a guard against pathological chains). */
const MAX_ERROR_DEPTH = 8;

function scrubErrorTree(value: unknown, scrub: (text: string) => string, seen: Set<object>): void {
  if (!(value instanceof Error) || seen.has(value) || seen.size >= MAX_ERROR_DEPTH * 4) return;
  seen.add(value);
  const record = value as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(value), "message", "stack", "cause", "errors"]);
  for (const key of keys) {
    const field = record[key];
    if (typeof field === "string") {
      const scrubbed = scrub(field);
      if (scrubbed !== field) setField(record, key, scrubbed);
    } else if (field instanceof Error) scrubErrorTree(field, scrub, seen);
    else if (Array.isArray(field))
      for (const item of field as unknown[]) scrubErrorTree(item, scrub, seen);
  }
}

/** Overwrites a field; a read-only one (a getter, a frozen error) is left as it is. */
function setField(record: Record<string, unknown>, key: string, value: string): void {
  try {
    Object.defineProperty(record, key, { value, writable: true, configurable: true });
  } catch {
    // Nothing more can be done in place; the logger still scrubs what it writes.
  }
}

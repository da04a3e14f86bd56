import type { NamedSecret } from "../logging/secret-scrubber.js";

/** Settings whose whole value is a secret. */
const SECRET_SETTINGS = ["BOT_TOKEN", "TG_API_HASH", "TG_SESSION", "DASHBOARD_PASSWORD"] as const;

/**
 * The session strings of `TG_SESSIONS`: one per line or separated by commas.
 *
 * @example splitSessionPool("1Aa…,1Bb…") // ["1Aa…", "1Bb…"]
 */
export function splitSessionPool(sessions: string | undefined): string[] {
  return (sessions ?? "").split(/[\s,]+/).filter((session) => session !== "");
}

/** The credentials in a Redis URL (`redis://user:password@host`), as written and decoded. */
function redisUrlSecrets(url: string): NamedSecret[] {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    return [];
  }
  if (password === "") return [];
  const decoded = safeDecode(password);
  return [
    { setting: "REDIS_URL password", value: password },
    ...(decoded === password ? [] : [{ setting: "REDIS_URL password", value: decoded }]),
  ];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Every secret in a service's configuration (whichever of these settings it
 * has): the bot token, api_hash, each session string, the dashboard password
 * and the Redis password. The logger and error texts are scrubbed of them.
 *
 * @example createLogger({ name: "bot", scrubber: createSecretScrubber(configSecrets(config)) })
 */
export function configSecrets(config: Readonly<Record<string, unknown>>): NamedSecret[] {
  const secrets: NamedSecret[] = [];
  for (const setting of SECRET_SETTINGS) {
    const value = config[setting];
    if (typeof value === "string" && value !== "") secrets.push({ setting, value });
  }
  const pool = config.TG_SESSIONS;
  if (typeof pool === "string")
    splitSessionPool(pool).forEach((value, index) =>
      secrets.push({ setting: `TG_SESSIONS[${index}]`, value }),
    );
  if (typeof config.REDIS_URL === "string") secrets.push(...redisUrlSecrets(config.REDIS_URL));
  return secrets;
}

import { domainToUnicode } from "node:url";

/** Schemes whose links are counted by host; `tg:`, `mailto:`, `ton:`… name no web site. */
const WEB_PROTOCOLS: ReadonlySet<string> = new Set(["http:", "https:", "ftp:"]);
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** `mailto:x`, `tel:+1`: a scheme without `//`; `example.com:8080` is a host and port instead. */
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

/**
 * The site a link points to, as the report counts it: the host lower-cased,
 * without a leading `www.`, a trailing dot or a port, international names in
 * Unicode (`xn--…` read back). Only the host is kept, so the path, query and
 * tracking parameters never matter (and are never stored). Telegram links
 * text without a scheme (`example.com/x`), read as `http://`. Null for a link
 * that is not a web address or does not parse. WHATWG `URL` does the parsing:
 * hosts have too many edge cases (IPv6, IDN, userinfo) to split by hand.
 *
 * @example linkHost("https://WWW.News.example.co.uk:8443/a?utm_source=x") // "news.example.co.uk"
 */
export function linkHost(link: string): string | null {
  const trimmed = link.trim();
  if (trimmed === "") return null;
  const hasScheme = HAS_SCHEME.test(trimmed);
  if (!hasScheme && OTHER_SCHEME.test(trimmed)) return null;
  const absolute = hasScheme ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return null;
  }
  if (!WEB_PROTOCOLS.has(url.protocol)) return null;
  let host = url.hostname.replace(/\.$/, "");
  if (host.startsWith("www.")) host = host.slice(4);
  if (host === "") return null;
  if (host.includes("xn--")) host = domainToUnicode(host) || host;
  return host;
}

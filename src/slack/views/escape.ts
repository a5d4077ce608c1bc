/**
 * Keeps user-typed text inert in mrkdwn and texts inside Slack's length limits.
 * Slack reads `<…>` as links and mentions (`<!channel>`, `<http://evil|click>`), so & < > must be
 * HTML-escaped; nothing else needs escaping for the text to render as typed.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const ELLIPSIS = "…";

/** Cuts to at most `max` UTF-16 units, ending in "…", without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const char of text) {
    if (out.length + char.length + ELLIPSIS.length > max) break;
    out += char;
  }
  return out + ELLIPSIS;
}

/** Escapes, then cuts to `max` without breaking an entity such as `&amp;` in half. */
export function escapeAndTruncate(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let out = "";
  for (const char of text) {
    const piece = escapeMrkdwn(char);
    if (out.length + piece.length + ELLIPSIS.length > max) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/** Slack rejects empty text objects; shows a dash instead. */
export function nonEmpty(text: string, fallback = "–"): string {
  return text.trim() === "" ? fallback : text;
}

/** Joins lines, dropping the last ones (with a marker) so the result stays within `max`. */
export function joinWithin(lines: string[], max: number, more: (n: number) => string): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const marker = more(lines.length - index);
    const needed = length + (kept.length > 0 ? 1 : 0) + line.length;
    const reserve = index < lines.length - 1 ? marker.length + 1 : 0;
    if (needed + reserve > max) {
      kept.push(marker);
      return kept.join("\n");
    }
    kept.push(line);
    length = needed;
  }
  return kept.join("\n");
}

/** Search text as people type it: case, accents and ß do not matter ("grossgrund" finds "Großgründlach"). */
export const foldForSearch = (s: string): string =>
  s.normalize("NFD").replace(/\p{Diacritic}/gu, "").replace(/ß/g, "ss").toLocaleLowerCase("de").trim();

/**
 * Text PostgreSQL can store as typed. It rejects NUL (U+0000) in `text` and in `jsonb` (error
 * 22021 / 22P05, which used to answer "try again in a minute" forever), and a lone UTF-16
 * surrogate is no Unicode at all: the driver would silently store U+FFFD instead. Slack's JSON can
 * carry both (`\u0000`, `\ud800`), so every free-text field is checked here and the person is
 * told on the field, in their language, instead of the database failing later.
 *
 * With the `u` flag a proper surrogate pair is one code point (an emoji passes); only a lone
 * half matches `\p{Cs}`.
 */
export const storableText = /^[^\u0000\p{Cs}]*$/u;

/** The validation key (src/i18n validation.*) for text that fails `storableText`. */
export const unstorableKey = "unstorable";

/**
 * Notices when Slack refuses the app-level token on apps.connections.open, which the Socket Mode
 * client calls for every (re)connect. The client (@slack/socket-mode 3.1) emits no event for that:
 * for some answers (invalid_auth, not_authed…) its reconnect rejects from a timer nobody awaits (an
 * unhandled rejection, a crash with a stack trace), for others (token_revoked, token_expired) it
 * retries forever while the app looks alive. Its Web API calls go through the `fetch` it is given,
 * so that is where the answer can be read, before the client sees it.
 */

/** Answers that mean the token itself is no good: waiting will not fix them (rate limits and Slack's own errors might). */
const refusals = new Set([
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
  "missing_scope",
  "no_permission",
  "team_disabled",
  "user_removed_from_team",
]);

export function watchAppTokenRefusal(onRefused: (error: string) => void, inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!/\/apps\.connections\.open(?:[?#]|$)/.test(url) || !(response.headers.get("content-type") ?? "").includes("json")) return response;
    // Slack answers a refused token with 200 and ok:false; read a copy, the client reads the original.
    const body = (await response.clone().json().catch(() => null)) as { ok?: boolean; error?: unknown } | null;
    if (body?.ok === false && typeof body.error === "string" && refusals.has(body.error)) onRefused(body.error);
    return response;
  };
}

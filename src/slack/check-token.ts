import { LogLevel, WebClient } from "@slack/web-api";

/**
 * Asks Slack who the bot is before anything starts. Bolt would do the same in its constructor and
 * crash the process with a stack trace on a wrong token or an unreachable API; this turns both
 * into one line for whoever starts the app.
 */
export async function checkBotToken(
  token: string,
  slackApiUrl: string | undefined,
): Promise<{ ok: true; botId: string; botUserId: string } | { ok: false; problem: string }> {
  const client = new WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl: slackApiUrl.replace(/\/?$/, "/") } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 500 },
    timeout: 10_000,
    // The outcome is reported below in one line; the client's own retry warnings would only add noise.
    logLevel: LogLevel.ERROR,
  });
  try {
    const auth = await client.auth.test();
    if (!auth.bot_id || !auth.user_id) return { ok: false, problem: "SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot id)" };
    return { ok: true, botId: auth.bot_id, botUserId: auth.user_id };
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string }; original?: { cause?: { code?: string } } };
    if (e.code === "slack_webapi_platform_error") return { ok: false, problem: `Slack refused SLACK_BOT_TOKEN (${e.data?.error ?? "error"})` };
    const cause = e.original?.cause?.code ?? e.code ?? "error";
    return { ok: false, problem: `Slack's Web API is unreachable at ${slackApiUrl ?? "https://slack.com/api/"} (${cause}); check the network or SLACK_API_URL` };
  }
}

/**
 * Socket Mode: asks Slack for a connection URL with the app-level token before anything starts. A
 * wrong or revoked token would otherwise surface as a stack trace from deep inside the Socket Mode
 * client (or, for an unreachable API, as endless retries while the app looks alive). The URL it
 * hands out is not used: the receiver asks for its own when it connects.
 */
export async function checkAppToken(token: string, slackApiUrl: string | undefined): Promise<{ ok: true } | { ok: false; problem: string }> {
  const client = new WebClient(undefined, {
    ...(slackApiUrl ? { slackApiUrl: slackApiUrl.replace(/\/?$/, "/") } : {}),
    // The Socket Mode client sends its token this way too (apps.connections.open takes no bot token).
    headers: { Authorization: `Bearer ${token}` },
    retryConfig: { retries: 2, factor: 2, minTimeout: 500 },
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
  });
  try {
    const opened = await client.apps.connections.open({});
    if (!opened.url) return { ok: false, problem: "SLACK_APP_TOKEN: apps.connections.open returned no URL (is Socket Mode enabled for the app?)" };
    return { ok: true };
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string }; original?: { cause?: { code?: string } } };
    if (e.code === "slack_webapi_platform_error") {
      return { ok: false, problem: `Slack refused SLACK_APP_TOKEN (${e.data?.error ?? "error"}); create an app-level token with connections:write, or unset it for HTTP mode` };
    }
    const cause = e.original?.cause?.code ?? e.code ?? "error";
    return { ok: false, problem: `Slack's Web API is unreachable at ${slackApiUrl ?? "https://slack.com/api/"} (${cause}); check the network or SLACK_API_URL` };
  }
}

/**
 * Sends what Slack sends: signed slash commands, interactions and events, as real HTTP requests
 * to the app's endpoint, signed as Slack documents it (api.slack.com/authentication/verifying-requests-from-slack;
 * docs/architecture.md, "Tests").
 */
import { createHmac, randomBytes } from "node:crypto";

export interface SignOptions {
  signingSecret: string;
  /** Exactly "application/x-www-form-urlencoded" or "application/json" – Bolt compares it literally. */
  contentType: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Sets X-Slack-Retry-Num (and X-Slack-Retry-Reason, default http_timeout). */
  retryNum?: number;
  retryReason?: string;
  /** Signs with a wrong secret. */
  badSignature?: boolean;
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`, as Slack computes it. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

/** POSTs `body` to `url` (the app's full endpoint, e.g. http://127.0.0.1:3000/slack/events) with Slack's headers. */
export async function signedPost(url: string, body: string, options: SignOptions): Promise<SlackHttpResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.badSignature ? `${options.signingSecret}-wrong` : options.signingSecret;
  const headers: Record<string, string> = {
    "content-type": options.contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
  }
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, body: await response.text(), headers: Object.fromEntries(response.headers.entries()) };
}

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

export interface SlackTarget {
  /** The app's endpoint, e.g. `http://127.0.0.1:${port}/slack/events`. */
  url: string;
  signingSecret: string;
  teamId?: string;
  apiAppId?: string;
  /** Makes response_url values; pass `fake.responseUrl` so Bolt's respond() reaches the fake. */
  responseUrl?: () => string;
}

/** Per-call overrides of the signing (old timestamp, retries, bad signature). */
export type SignOverrides = Omit<Partial<SignOptions>, "signingSecret">;

// ---- payloads ---------------------------------------------------------------------------------

let sequence = 0;
export function triggerId(): string {
  sequence += 1;
  return `${Date.now()}.${sequence}.${randomBytes(8).toString("hex")}`;
}

const userObject = (user: string, teamId: string) => ({ id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: teamId });

/** What every interactive payload carries: the team, the user, the app and the (deprecated) verification token. */
const interactionFields = (user: string, target: Omit<SlackTarget, "url" | "signingSecret">) => {
  const teamId = target.teamId ?? "T0001";
  return { team: { id: teamId, domain: "fake" }, user: userObject(user, teamId), api_app_id: target.apiAppId ?? "A0001", token: "deprecated-verification-token" };
};

export interface SlashCommandArgs {
  user: string;
  text?: string;
  command?: string;
  channelId?: string;
  triggerId?: string;
  responseUrl?: string;
}

export function slashCommandBody(args: SlashCommandArgs, target: Omit<SlackTarget, "url" | "signingSecret"> = {}): string {
  const teamId = target.teamId ?? "T0001";
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: teamId,
    team_domain: "fake",
    channel_id: args.channelId ?? `D${args.user}`,
    channel_name: "directmessage",
    user_id: args.user,
    user_name: args.user.toLowerCase(),
    command: args.command ?? "/sparring",
    text: args.text ?? "",
    api_app_id: target.apiAppId ?? "A0001",
    is_enterprise_install: "false",
    response_url: args.responseUrl ?? target.responseUrl?.() ?? "https://hooks.slack.com/commands/T0001/1/fake",
    trigger_id: args.triggerId ?? triggerId(),
  }).toString();
}

export interface BlockActionArgs {
  user: string;
  actionId: string;
  value?: string;
  blockId?: string;
  /** The view the action came from (modal or Home), as Slack sends it: use `viewPayload`. */
  view?: Record<string, unknown>;
  /** The message the button was in (then container.type = "message"). */
  message?: { ts: string; text?: string; blocks?: unknown[] };
  container?: Record<string, unknown>;
  channelId?: string;
  triggerId?: string;
  responseUrl?: string;
  /** Extra action fields, e.g. `{ type: "multi_static_select", selected_options: [...] }`. */
  action?: Record<string, unknown>;
}

export function blockActionPayload(args: BlockActionArgs, target: Omit<SlackTarget, "url" | "signingSecret"> = {}): Record<string, unknown> {
  const channelId = args.channelId ?? `D${args.user}`;
  const container =
    args.container ??
    (args.view
      ? { type: "view", view_id: args.view.id }
      : { type: "message", message_ts: args.message?.ts ?? "1700000000.000100", channel_id: channelId, is_ephemeral: false });
  const inMessage = container.type === "message";
  return {
    type: "block_actions",
    ...interactionFields(args.user, target),
    trigger_id: args.triggerId ?? triggerId(),
    container,
    ...(inMessage ? { channel: { id: channelId, name: "directmessage" } } : {}),
    ...(inMessage ? { message: { type: "message", ts: container.message_ts, text: args.message?.text ?? "", blocks: args.message?.blocks ?? [] } } : {}),
    ...(args.view ? { view: args.view } : {}),
    ...(inMessage || args.responseUrl ? { response_url: args.responseUrl ?? target.responseUrl?.() ?? "https://hooks.slack.com/actions/T0001/1/fake" } : {}),
    actions: [
      {
        type: "button",
        action_id: args.actionId,
        block_id: args.blockId ?? "fake_block",
        ...(args.value !== undefined ? { value: args.value } : {}),
        action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
        ...args.action,
      },
    ],
  };
}

/** State values as Slack reports them: `values[block_id][action_id]`. Build entries with `input.*`. */
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

const opt = (value: string) => ({ text: { type: "plain_text", text: value, emoji: true }, value });
export const input = {
  text: (value: string | null) => ({ type: "plain_text_input", value }),
  url: (value: string | null) => ({ type: "url_text_input", value }),
  staticSelect: (value: string | null) => ({ type: "static_select", selected_option: value === null ? null : opt(value) }),
  externalSelect: (value: string | null) => ({ type: "external_select", selected_option: value === null ? null : opt(value) }),
  multiStaticSelect: (values: string[]) => ({ type: "multi_static_select", selected_options: values.map(opt) }),
  radio: (value: string | null) => ({ type: "radio_buttons", selected_option: value === null ? null : opt(value) }),
  /** Unix seconds. */
  dateTime: (seconds: number | null) => ({ type: "datetimepicker", selected_date_time: seconds }),
};

/** A view as Slack echoes it in payloads: the app's view plus id, hash and state. */
export function viewPayload(
  view: Record<string, unknown>,
  options: { id?: string; values?: StateValues; teamId?: string } = {},
): Record<string, unknown> {
  const id = options.id ?? "V00000001";
  return {
    id,
    team_id: options.teamId ?? "T0001",
    private_metadata: "",
    callback_id: "",
    hash: "1700000000.hash",
    previous_view_id: null,
    root_view_id: id,
    app_id: "A0001",
    bot_id: "BBOT",
    ...view,
    state: { values: options.values ?? {} },
  };
}

export interface ViewSubmissionArgs {
  user: string;
  callbackId: string;
  values: StateValues;
  privateMetadata?: string;
  viewId?: string;
  /** The submitted view's content (blocks, title…), if the listener looks at it. */
  view?: Record<string, unknown>;
  triggerId?: string;
}

export function viewSubmissionPayload(args: ViewSubmissionArgs, target: Omit<SlackTarget, "url" | "signingSecret"> = {}): Record<string, unknown> {
  const teamId = target.teamId ?? "T0001";
  return {
    type: "view_submission",
    ...interactionFields(args.user, target),
    trigger_id: args.triggerId ?? triggerId(),
    view: viewPayload(
      { type: "modal", blocks: [], ...args.view, callback_id: args.callbackId, private_metadata: args.privateMetadata ?? "" },
      { id: args.viewId ?? "V00000001", values: args.values, teamId },
    ),
    response_urls: [],
  };
}

export interface BlockSuggestionArgs {
  user: string;
  actionId: string;
  blockId: string;
  value: string;
  view?: Record<string, unknown>;
}

export function blockSuggestionPayload(args: BlockSuggestionArgs, target: Omit<SlackTarget, "url" | "signingSecret"> = {}): Record<string, unknown> {
  const view = args.view ?? viewPayload({ type: "modal", blocks: [] });
  return {
    type: "block_suggestion",
    action_id: args.actionId,
    block_id: args.blockId,
    value: args.value,
    ...interactionFields(args.user, target),
    container: { type: "view", view_id: view.id },
    view,
  };
}

export interface AppHomeOpenedArgs {
  user: string;
  eventId?: string;
  tab?: "home" | "messages";
  view?: Record<string, unknown>;
}

/** The Events API envelope around one event; `event` gets the envelope's time in seconds for its timestamps. */
export function eventEnvelope(event: (now: number) => Record<string, unknown>, eventId: string | undefined, target: Omit<SlackTarget, "url" | "signingSecret"> = {}): Record<string, unknown> {
  const teamId = target.teamId ?? "T0001";
  const now = Math.floor(Date.now() / 1000);
  return {
    token: "deprecated-verification-token",
    team_id: teamId,
    api_app_id: target.apiAppId ?? "A0001",
    type: "event_callback",
    event_id: eventId ?? `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
    event_time: now,
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    event: event(now),
  };
}

export function appHomeOpenedEnvelope(args: AppHomeOpenedArgs, target: Omit<SlackTarget, "url" | "signingSecret"> = {}): Record<string, unknown> {
  return eventEnvelope((now) => ({
    type: "app_home_opened",
    user: args.user,
    channel: `D${args.user}`,
    event_ts: `${now}.000100`,
    tab: args.tab ?? "home",
    ...(args.view ? { view: args.view } : {}),
  }), args.eventId, target);
}

/** A person shares files in their DM with the app: the `message` event (channel_type im, subtype file_share). */
export function fileShareEnvelope(args: { user: string; fileIds: string[]; eventId?: string }, target: Omit<SlackTarget, "url" | "signingSecret"> = {}): Record<string, unknown> {
  return eventEnvelope((now) => ({
    type: "message",
    subtype: "file_share",
    channel_type: "im",
    channel: `D${args.user}`,
    user: args.user,
    text: "",
    ts: `${now}.000200`,
    event_ts: `${now}.000200`,
    files: args.fileIds.map((id) => ({ id })),
  }), args.eventId, target);
}

// ---- senders ----------------------------------------------------------------------------------

export interface SlackRequests {
  slashCommand(args: SlashCommandArgs, sign?: SignOverrides): Promise<SlackHttpResponse>;
  blockAction(args: BlockActionArgs, sign?: SignOverrides): Promise<SlackHttpResponse>;
  viewSubmission(args: ViewSubmissionArgs, sign?: SignOverrides): Promise<SlackHttpResponse>;
  blockSuggestion(args: BlockSuggestionArgs, sign?: SignOverrides): Promise<SlackHttpResponse>;
  appHomeOpened(args: AppHomeOpenedArgs, sign?: SignOverrides): Promise<SlackHttpResponse>;
  urlVerification(challenge: string, sign?: SignOverrides): Promise<SlackHttpResponse>;
  /** Any interaction payload (form field `payload`). */
  interaction(payload: Record<string, unknown>, sign?: SignOverrides): Promise<SlackHttpResponse>;
  /** Any Events API body (JSON). */
  event(envelope: Record<string, unknown>, sign?: SignOverrides): Promise<SlackHttpResponse>;
}

/** Binds the senders to one app endpoint and signing secret. */
export function slackRequests(target: SlackTarget): SlackRequests {
  const post = (body: string, contentType: string, sign: SignOverrides = {}) =>
    signedPost(target.url, body, { signingSecret: target.signingSecret, contentType, ...sign });
  const interaction = (payload: Record<string, unknown>, sign?: SignOverrides) =>
    post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, sign);
  const event = (envelope: Record<string, unknown>, sign?: SignOverrides) => post(JSON.stringify(envelope), JSON_TYPE, sign);
  return {
    slashCommand: (args, sign) => post(slashCommandBody(args, target), FORM, sign),
    blockAction: (args, sign) => interaction(blockActionPayload(args, target), sign),
    viewSubmission: (args, sign) => interaction(viewSubmissionPayload(args, target), sign),
    blockSuggestion: (args, sign) => interaction(blockSuggestionPayload(args, target), sign),
    appHomeOpened: (args, sign) => event(appHomeOpenedEnvelope(args, target), sign),
    urlVerification: (challenge, sign) => event({ token: "deprecated-verification-token", challenge, type: "url_verification" }, sign),
    interaction,
    event,
  };
}

/**
 * Slack signs what it sends, so a malformed payload means a bug or a forgery – but Bolt reads some
 * fields before any middleware runs (`body.user.id`, `body.actions[0]`, `body.view.callback_id`)
 * and answers HTTP 500 when they are missing. This check runs first and drops such payloads
 * with a plain ack: no listener sees them, nothing changes, the caller learns nothing.
 * (The one repair: a slash command's malformed team_id is removed so the command is still answered.)
 */
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
/** Slack ids: T0001, E123ABC, U01CONTACT1 – upper-case letters and digits. */
const slackId = /^[A-Z][A-Z0-9]{1,30}$/;
const isId = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length <= 255;

/** The reason a payload is dropped, or null when listeners may read it. */
export function malformedPayload(body: unknown): string | null {
  if (!isObject(body)) return "body";
  if (body.type === "url_verification" || body.ssl_check !== undefined) return null;
  // Bolt keeps a client pool per team id in a plain object: "constructor" or "valueOf" would crash it.
  // A slash command must still be answered (over its response_url): its odd team id is dropped, not the command.
  if (body.command !== undefined && body.team_id !== undefined && !(typeof body.team_id === "string" && slackId.test(body.team_id))) delete body.team_id;
  const teamIds = [body.team_id, isObject(body.team) ? body.team.id : undefined, isObject(body.user) ? body.user.team_id : undefined];
  if (teamIds.some((id) => id !== undefined && id !== null && !(typeof id === "string" && slackId.test(id)))) return "team_id";
  // Events and slash commands: Bolt reads them defensively; the listeners check their own fields.
  if (body.event !== undefined || body.command !== undefined) return null;
  if (!isObject(body.user) || !isId(body.user.id)) return "user";
  // Read by Bolt without checks when present: body.channel.id, body.team.id, body.enterprise.id, body.response_urls[0].response_url.
  for (const field of ["channel", "team", "enterprise"] as const) {
    const value = body[field];
    if (value !== undefined && value !== null && !isObject(value)) return field;
  }
  if (body.channel === null) return "channel";
  if (body.response_urls !== undefined && !(Array.isArray(body.response_urls) && body.response_urls.every(isObject))) return "response_urls";
  if (body.view !== undefined && body.view !== null) {
    if (!isObject(body.view)) return "view";
    const { callback_id, private_metadata, state } = body.view;
    if (callback_id !== undefined && typeof callback_id !== "string") return "view.callback_id";
    if (private_metadata !== undefined && typeof private_metadata !== "string") return "view.private_metadata";
    if (state !== undefined && !(isObject(state) && (state.values === undefined || isObject(state.values)))) return "view.state";
  }
  switch (body.type) {
    case "block_actions": {
      const actions = body.actions;
      if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => isObject(a) && isId(a.action_id))) return "actions";
      return null;
    }
    case "view_submission":
    case "view_closed":
      if (!isObject(body.view) || typeof body.view.callback_id !== "string" || !isObject(body.view.state) || !isObject(body.view.state.values)) return "view";
      return null;
    case "block_suggestion":
      return isId(body.action_id) ? null : "action_id";
    default:
      // Shortcuts and anything else the app does not listen to: Bolt leaves them unanswered.
      return body.actions !== undefined && !Array.isArray(body.actions) ? "actions" : null;
  }
}

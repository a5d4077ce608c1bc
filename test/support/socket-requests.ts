/**
 * The same senders as slack-requests.ts, over Socket Mode: each request goes out as an envelope on
 * the fake Socket Mode server and resolves with the app's ack, shaped like the HTTP answer (status
 * 200, the ack's payload as the body, "" for a plain ack). Flow helpers and tests stay the same.
 */
import type { FakeSocketMode, Envelope, EnvelopeType } from "./fake-socket-mode.ts";
import {
  appHomeOpenedEnvelope,
  blockActionPayload,
  blockSuggestionPayload,
  slashCommandBody,
  viewSubmissionPayload,
  type SignOverrides,
  type SlackHttpResponse,
  type SlackRequests,
  type SlackTarget,
} from "./slack-requests.ts";

export function socketRequests(socket: FakeSocketMode, target: Omit<SlackTarget, "url" | "signingSecret"> = {}): SlackRequests {
  // `retryNum` in the overrides means "Slack's retry of the same delivery": the same envelope again.
  const last = new Map<string, Envelope>();
  async function deliver(type: EnvelopeType, payload: Record<string, unknown>, sign: SignOverrides = {}): Promise<SlackHttpResponse> {
    const identity = identityOf(type, payload);
    const previous = sign.retryNum !== undefined ? last.get(identity) : undefined;
    const envelopeId = previous?.envelope_id;
    const before = envelopeId ? socket.acks(envelopeId).length : 0;
    const envelope = previous ? await socket.resend({ ...previous, payload }) : await socket.send(type, payload);
    last.set(identity, envelope);
    const ack = await socket.waitForAck(envelope.envelope_id, before + 1);
    return { status: 200, body: Object.keys(ack.payload).length > 0 ? JSON.stringify(ack.payload) : "", headers: {} };
  }
  const interaction = (payload: Record<string, unknown>, sign?: SignOverrides) => deliver("interactive", payload, sign);
  const event = (envelope: Record<string, unknown>, sign?: SignOverrides) => deliver("events_api", envelope, sign);
  return {
    slashCommand: (args, sign) => deliver("slash_commands", Object.fromEntries(new URLSearchParams(slashCommandBody(args, target))), sign),
    blockAction: (args, sign) => interaction(blockActionPayload(args, target), sign),
    viewSubmission: (args, sign) => interaction(viewSubmissionPayload(args, target), sign),
    blockSuggestion: (args, sign) => interaction(blockSuggestionPayload(args, target), sign),
    appHomeOpened: (args, sign) => event(appHomeOpenedEnvelope(args, target), sign),
    urlVerification: () => Promise.reject(new Error("Socket Mode has no url_verification")),
    interaction,
    event,
  };
}

/** What stays the same when Slack sends a delivery again: the view, the click, the event. */
function identityOf(type: EnvelopeType, payload: Record<string, unknown>): string {
  const view = payload.view as { id?: string } | undefined;
  const action = (payload.actions as Array<{ action_ts?: string }> | undefined)?.[0];
  return JSON.stringify([type, payload.type, view?.id, action?.action_ts, payload.event_id, payload.trigger_id && type === "slash_commands" ? payload.trigger_id : null]);
}

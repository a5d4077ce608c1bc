import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Actor, Locale } from "../../domain/types.ts";
import { bookingFormReader, bookingRefusalBlocks } from "../forms/booking-form.ts";
import { viewStateSchema, selectedValue, selectedValues, type ViewState } from "../forms/view-state.ts";
import * as ids from "../ids.ts";
import { bookingModal, bookingSentModal, partnerSuggestions } from "../views/booking-modal.ts";
import { unknownUserMessage } from "../views/unknown-user-message.ts";
import type { ModalView } from "../views/blocks.ts";
import { arrivedAt, refusedOn, submissionKey, submissionListener } from "./answer-submission.ts";
import { answerOptions } from "./answer-options.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";
import { guarded, replyEphemeral, replyRefusal } from "./reply.ts";

interface Selection {
  topics: string[];
  partnerId?: string | undefined;
  format?: "phone" | "video" | undefined;
  privacyNotice?: { de: string; en: string } | undefined;
}

/** The booking modal for a contact, with the partners and units that fit the current selection. */
async function renderBooking(ctx: ListenerContext, actor: Actor & { contactOf: string }, locale: Locale, selection: Selection): Promise<ModalView> {
  const [topics, partners, quota, assigned] = await Promise.all([
    ctx.reads.topics(),
    ctx.reads.partnerDirectory(selection.topics.length > 0 ? { topics: selection.topics } : {}),
    ctx.reads.quotaOf(actor.contactOf, selection.partnerId ? { partnerId: selection.partnerId } : {}),
    ctx.reads.assignedPartners(actor.contactOf),
  ]);
  const partnerStillOffered = partners.some((p) => p.personId === selection.partnerId);
  return bookingModal({
    locale,
    topics,
    selectedTopics: selection.topics,
    partners,
    assignedIds: assigned.map((p) => p.personId),
    selectedPartnerId: partnerStillOffered ? selection.partnerId : null,
    selectedFormat: selection.format ?? null,
    quota,
    privacyNotice: selection.privacyNotice ?? null,
  });
}

export interface OpenBookingArgs {
  client: WebClient;
  triggerId: string;
  userId: string;
  respond?: RespondFn | undefined;
  partnerId?: string | undefined;
}

/** `/sparring` and every "Anfragen"/"Buchen" button: open the modal at once (trigger_id lives 3 s). */
export async function openBookingModal(ctx: ListenerContext, args: OpenBookingArgs): Promise<void> {
  const [actor, locale, programme] = await Promise.all([ctx.reads.whoIs(args.userId), ctx.localeOf(args.userId), ctx.reads.programme()]);
  const target = { respond: args.respond, client: args.client, triggerId: args.triggerId, locale };
  if (!actor) {
    return replyEphemeral(target, unknownUserMessage({ locale, contactLine: programme?.contactLine ?? "" }));
  }
  if (!actor.contactOf) return replyRefusal(target, { ok: false, code: "not_a_contact" });
  const contact = { ...actor, contactOf: actor.contactOf };
  const [partner, firstUse] = await Promise.all([
    args.partnerId ? ctx.service.partner(args.partnerId) : null,
    ctx.reads.firstUse(actor.personId),
  ]);
  const view = await renderBooking(ctx, contact, locale, {
    topics: [],
    partnerId: partner?.active ? partner.personId : undefined,
    privacyNotice: firstUse ? programme?.privacyNotice : undefined,
  });
  await args.client.views.open({ trigger_id: args.triggerId, view });
}

function selectionOf(state: ViewState): Selection {
  const format = selectedValue(state, ids.BOOKING_FORMAT_BLOCK, ids.BOOKING_FORMAT);
  return {
    topics: selectedValues(state, ids.BOOKING_TOPICS_BLOCK, ids.BOOKING_TOPICS),
    partnerId: selectedValue(state, ids.BOOKING_PARTNER_BLOCK, ids.BOOKING_PARTNER),
    format: format === "phone" || format === "video" ? format : undefined,
  };
}

export function registerBooking(app: Registrar, ctx: ListenerContext): void {
  app.action(ids.OPEN_BOOKING, async ({ ack, body, client, respond }) => {
    await ack();
    const value = "actions" in body ? (body.actions[0] as { value?: string } | undefined)?.value : undefined;
    const triggerId = "trigger_id" in body ? body.trigger_id : undefined;
    if (!triggerId) return;
    const locale = await ctx.localeOf(body.user.id);
    await guarded(ctx.logger, { respond, client, triggerId, locale }, "open_booking", () =>
      openBookingModal(ctx, { client, triggerId, userId: body.user.id, respond, partnerId: value }),
    );
  });

  // Topics or partner changed: offer the partners for the new topics and the units that apply.
  const refresh = async ({ ack, body, client }: { ack: () => Promise<void>; body: unknown; client: WebClient }) => {
    await ack();
    const payload = body as { user: { id: string }; view?: { id: string; hash: string; state?: { values: unknown } } };
    if (!payload.view) return;
    const view = payload.view;
    const locale = await ctx.localeOf(payload.user.id);
    await guarded(ctx.logger, { client, locale }, "booking_refresh", async () => {
      const actor = await ctx.reads.whoIs(payload.user.id);
      if (!actor?.contactOf) return;
      const state = viewStateSchema.safeParse(view.state?.values ?? {});
      if (!state.success) return;
      const updated = await renderBooking(ctx, { ...actor, contactOf: actor.contactOf }, locale, selectionOf(state.data));
      // The hash makes Slack refuse an update based on a stale view (two quick changes).
      await client.views.update({ view_id: view.id, hash: view.hash, view: updated }).catch((error: { data?: { error?: string } }) => {
        if (error.data?.error !== "hash_conflict") throw error;
      });
    });
  };
  app.action(ids.BOOKING_TOPICS, refresh);
  app.action(ids.BOOKING_PARTNER, refresh);

  // More than 100 partners: the partner field searches (external_select).
  app.options(ids.BOOKING_PARTNER, async ({ ack, body, context }) =>
    answerOptions(ctx, ack, arrivedAt(context), async () => {
      // Only contacts see the booking modal: anyone else (a forged suggestion request) gets no directory.
      const actor = await ctx.service.whoIs(body.user.id);
      if (!actor?.contactOf) return { options: [] };
      const state = viewStateSchema.safeParse((body as { view?: { state?: { values?: unknown } } }).view?.state?.values ?? {});
      const topics = state.success ? selectedValues(state.data, ids.BOOKING_TOPICS_BLOCK, ids.BOOKING_TOPICS) : [];
      const [partners, assigned, locale] = await Promise.all([
        ctx.reads.partnerDirectory(topics.length > 0 ? { topics } : {}),
        ctx.reads.assignedPartners(actor.contactOf),
        ctx.localeOf(body.user.id),
      ]);
      const display = { locale, assignedIds: assigned.map((p) => p.personId) };
      return partnerSuggestions(partners, typeof body.value === "string" ? body.value : "", display);
    }),
  );

  app.view(ids.BOOKING_MODAL, submissionListener(ctx, bookingFormReader, {
    run: (input, userId, view) => ctx.service.requestSession(userId, input, submissionKey("book", view.id, input)),
    refused: refusedOn(bookingRefusalBlocks),
    onOk: ({ value }, locale) => ({ response_action: "update", view: bookingSentModal({ locale, partnerName: value.partnerName }) }),
  }));
}

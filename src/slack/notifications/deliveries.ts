import type { NudgeDelivery } from "../../domain/nudges.ts";
import type { MoveNotice, RequestEvent, RequestNotice } from "../../domain/notifications.ts";
import type { SessionRequest } from "../../domain/types.ts";
import type { UsageChartData } from "../../reports/usage-chart.ts";
import type { ScrubDelivery } from "../../domain/ports/delivery-records.ts";

/** What the requester (or the contacts who own a request) get a message about. */
export type RequesterEvent = Extract<
  RequestEvent,
  "accepted" | "declined" | "cancelled" | "expired" | "reminder_due" | "reminder_soon" | "expiry_warning" | "reschedule_proposed" | "rescheduled"
>;
/** What the partner gets a separate message about (everything else updates their request DM in place). */
export type PartnerEvent = Extract<
  RequestEvent,
  "cancelled" | "reminder_due" | "reminder_soon" | "partner_unanswered" | "reschedule_rejected" | "new_date_asked" | "rescheduled"
>;

/** One Slack side effect, rendered from the current data when it is delivered. */
export type Delivery =
  /** Post the partner's request DM, or update it in place to the request's current state. */
  | { op: "partner_request"; requestId: string }
  /** Post the "was it held?" question to the partner (`ask`: again, as a new DM), or update it once answered. */
  | { op: "held_question"; requestId: string; ask?: boolean }
  /** A message prepared by a job (the weekly digest), posted to a channel as it is. */
  | { op: "channel_message"; channel: string; text: string; blocks: unknown[]; /** people it names (recorded for erasure) */ personIds?: string[] }
  /** To `slackId` (the requester, or the contacts who own a moved request; absent in rows written before moves: the requester). */
  | { op: "requester_notice"; requestId: string; event: RequesterEvent; slackId?: string }
  | { op: "partner_notice"; requestId: string; event: PartnerEvent }
  /** The usage chart (weekly digest) as a PNG file in a channel; names nobody (topics and counts). */
  | { op: "channel_chart"; channel: string; chart: UsageChartData }
  /** Ask the requester for feedback on a session marked held (a button that opens the form). */
  | { op: "feedback_ask"; requestId: string }
  /** Update the old partner's DM (`purpose`, re-keyed by the move) to "handed over", without buttons. */
  | { op: "partner_handover"; requestId: string; purpose: string; fromPartnerId: string; fromMunicipalityKey: string }
  /** Tell the original requester that a lead moved the request. */
  | { op: "moved_notice"; requestId: string; move: MoveNotice }
  | { op: "home"; slackId: string }
  /** The monthly nudge to one contact (src/db/nudges.ts). */
  | NudgeDelivery
  /**
   * Bring `slackId`'s calendar in line with the request: the session as an .ics file with a DM, or
   * its cancellation, decided at delivery time (calendar-delivery.ts). `previousStart`: the date a
   * lead's move dropped.
   */
  | { op: "calendar_file"; requestId: string; slackId: string; previousStart?: string | null }
  /** Overwrite / delete / blank one recorded Slack copy after an erasure or the retention (db/slack-scrub.ts). */
  | ScrubDelivery;

/**
 * Calendar files for these people (each once). Exported for every change of a scheduled session:
 * a new date (reschedule) sends the same UID with a higher SEQUENCE to the partner and the requester.
 */
export function calendarDeliveries(requestId: string, slackIds: ReadonlyArray<string | null>, previousStart?: string | null): Delivery[] {
  return [...new Set(slackIds.filter((s): s is string => !!s))].map((slackId) => ({
    op: "calendar_file",
    requestId,
    slackId,
    ...(previousStart ? { previousStart } : {}),
  }));
}

/**
 * Who hears what about a change. Pure: the request as it is now, who caused the change, the
 * municipality's contacts (whose Home shows its requests) and, after a move, the Slack ids of
 * the former partner and municipality contacts (whose Homes no longer show it), and who hears
 * things as the requester (`requesterAudience`: the requester, or after a move to another
 * municipality that municipality's contacts).
 */
export function deliveriesFor(
  notice: RequestNotice,
  request: SessionRequest,
  contactSlackIds: string[],
  formerSlackIds: string[] = [],
  requesterSlackIds: string[] = request.requesterSlackId ? [request.requesterSlackId] : [],
): Delivery[] {
  const id = request.id;
  const toRequester = (event: RequesterEvent): Delivery[] =>
    requesterSlackIds.map((slackId) => ({ op: "requester_notice", requestId: id, event, slackId }));
  const byPartner = notice.actorId === request.partnerId;
  const byRequester = notice.actorId === request.requesterId;
  const homes = [...new Set([...contactSlackIds, request.partnerSlackId, ...formerSlackIds].filter((s): s is string => !!s))].map(
    (slackId): Delivery => ({ op: "home", slackId }),
  );
  const partnerRequest: Delivery = { op: "partner_request", requestId: id };
  // Both sides' calendars, including whoever made the change (they imported the file too).
  const calendars = (previousStart?: string | null) => calendarDeliveries(id, [request.partnerSlackId, ...requesterSlackIds], previousStart);
  switch (notice.event) {
    case "requested":
      return [partnerRequest, ...homes];
    case "accepted":
      return [partnerRequest, ...toRequester(notice.event), ...calendars(), ...homes];
    case "declined":
      return [partnerRequest, ...toRequester(notice.event), ...homes];
    case "cancelled":
      return [
        partnerRequest,
        ...(byPartner ? [] : [{ op: "partner_notice", requestId: id, event: "cancelled" } as const]),
        ...(byRequester ? [] : toRequester("cancelled")),
        // Only those who got a file get its cancellation (decided at delivery).
        ...calendars(),
        ...homes,
      ];
    case "expired":
      return [
        partnerRequest,
        // The partner's request DM turns into "expired" in place; the requester gets a message.
        ...toRequester("expired"),
        ...homes,
      ];
    case "held":
      return [{ op: "held_question", requestId: id }, partnerRequest, { op: "feedback_ask", requestId: id }, ...homes];
    case "not_held":
      return [{ op: "held_question", requestId: id }, partnerRequest, ...homes];
    case "moved": {
      const move = notice.move;
      // Notices written before moves carried their origin: keep the partner's DM current.
      if (!move) return [partnerRequest, ...homes];
      // A held session re-attributed for accounting: Homes show the data, nobody gets a message.
      if (!move.notify) return homes;
      return [
        ...move.handedOver.map((purpose): Delivery => ({
          op: "partner_handover", requestId: id, purpose, fromPartnerId: move.fromPartnerId, fromMunicipalityKey: move.fromMunicipalityKey,
        })),
        // The new partner's DM is posted fresh (the old one was re-keyed); with the same partner it is updated in place.
        partnerRequest,
        { op: "moved_notice", requestId: id, move },
        // A scheduled session changed hands: the former side's entries are cancelled, the current side's updated.
        ...(move.fromState === "scheduled" || move.toState === "scheduled"
          ? calendarDeliveries(id, [...formerSlackIds, request.partnerSlackId, ...requesterSlackIds], move.fromStart)
          : []),
        ...homes,
      ];
    }
    case "reminder_due":
      return [
        ...toRequester("reminder_due"),
        { op: "partner_notice", requestId: id, event: "reminder_due" },
      ];
    case "held_question_due":
      return [{ op: "held_question", requestId: id, ask: true }];
    case "reschedule_proposed":
      return [...toRequester("reschedule_proposed"), ...homes];
    case "reschedule_rejected":
      return [{ op: "partner_notice", requestId: id, event: "reschedule_rejected" }];
    case "new_date_asked":
      return [{ op: "partner_notice", requestId: id, event: "new_date_asked" }, ...homes];
    case "rescheduled":
      // The partner's request DM shows the new date in place; both sides get the new date as a message.
      return [
        partnerRequest,
        ...toRequester("rescheduled"),
        { op: "partner_notice", requestId: id, event: "rescheduled" },
        // The same UID with a higher SEQUENCE: the entry both imported moves to the new date.
        ...calendars(),
        ...homes,
      ];
    case "reminder_soon":
      return [...toRequester("reminder_soon"), { op: "partner_notice", requestId: id, event: "reminder_soon" }];
    case "partner_unanswered":
      return [{ op: "partner_notice", requestId: id, event: "partner_unanswered" }];
    case "expiry_warning":
      return toRequester("expiry_warning");
  }
}

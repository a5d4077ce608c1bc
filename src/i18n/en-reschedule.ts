import type { rescheduleDe } from "./de-reschedule.ts";

/** English texts for rescheduling, cancelling with a reason, and the reminders. */
export const rescheduleEn: typeof rescheduleDe = {
  proposeButton: "Propose a new date",
  partnerCancelButton: "Cancel session",
  askButton: "Ask for a new date",
  acceptProposalButton: "Accept new date",
  rejectProposalButton: "Ask for another date",
  modalTitle: "New date",
  modalSubmit: "Propose",
  modalIntro: (requester, date) => `The current date (${date}) stands until ${requester} accepts the new one.`,
  cancelModalTitle: "Cancel session",
  cancelModalSubmit: "Cancel session",
  cancelModalIntro: (requester, date) => `You are cancelling the sparring session with ${requester} on ${date}. The unit becomes available again.`,
  cancelReasonLabel: "Reason",
  cancelReasonHint: "Required: the requester is told with the cancellation.",
  proposedFallback: (partner) => `${partner} proposes a new date`,
  proposedText: (partner, date, format, old) =>
    `${partner} proposes a new date for your sparring session: *${date}* (${format}). Until you accept it, the current date (${old}) stands.`,
  rejectedFallback: (requester) => `${requester} asks for another date`,
  rejectedText: (requester, municipality, date, old) =>
    `${requester} (${municipality}) cannot make the proposed date (${date}) and asks for another one. Until a new one is agreed, the current date (${old}) stands.`,
  askedFallback: (requester) => `${requester} asks for a new date`,
  askedText: (requester, municipality, old) =>
    `${requester} (${municipality}) asks for a new date for the sparring session on ${old}. Please propose one; until then the current date stands.`,
  rescheduledFallback: (date) => `New date for your sparring session: ${date}`,
  rescheduledRequesterText: (partner, date, format) => `Your sparring session with ${partner} has been moved. New date: *${date}* (${format}).`,
  rescheduledPartnerText: (requester, municipality, date, format) => `${requester} (${municipality}) accepted the new date: *${date}* (${format}).`,
  acceptedConfirm: (date) => `You accepted the new date: ${date}.`,
  rejectedConfirm: (partner) => `${partner} is asked to propose another date. Until then the current date stands.`,
  askedConfirm: (partner) => `${partner} is asked to propose a new date. Until then the current date stands.`,
  cancelledFallback: (who) => `${who} cancelled a sparring session`,
  sessionOn: (municipality, partner, date) => `the sparring session of ${municipality} with ${partner} on ${date}`,
  requestOf: (municipality, partner) => `the sparring request of ${municipality} to ${partner}`,
  cancelledByPartner: (partner, what) => `${partner} cancelled ${what}. The unit is available to the municipality again.`,
  cancelledByRequester: (requester, municipality, what) => `${requester} (${municipality}) cancelled ${what}. The unit is available to the municipality again.`,
  cancelledByLead: (lead, what) => `The programme lead (${lead}) cancelled ${what}. The unit is available to the municipality again.`,
  reason: "Reason",
  reminderFallback: (date) => `Reminder: sparring session on ${date}`,
  reminderText: (partner, date, format) => `Reminder of your sparring session with ${partner}: *${date}* (${format}).`,
  partnerReminderText: (requester, municipality, date, format) => `Reminder of your sparring session with ${requester} (${municipality}): *${date}* (${format}).`,
  soonFallback: (date) => `Your sparring session starts soon: ${date}`,
  soonText: (other, date, format) => `Your sparring session with ${other} starts soon: *${date}* (${format}).`,
  unansweredFallback: (municipality) => `Reminder: a sparring request from ${municipality} awaits your answer`,
  unansweredText: (requester, municipality, made, lastDay) =>
    `Reminder: the sparring request from ${requester} (${municipality}) of ${made} still awaits your answer. Please accept or decline it; without an answer it expires after ${lastDay}.`,
  expiryWarningFallback: "Your sparring request expires soon",
  expiryWarningText: (partner, lastDay) =>
    `Your sparring request to ${partner} has not been answered yet. If it stays unanswered until the end of ${lastDay}, it expires and the unit becomes available again.`,
};

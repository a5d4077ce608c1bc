/** German texts for rescheduling, cancelling with a reason, and the reminders (dates are Slack date tokens). */
export const rescheduleDe = {
  proposeButton: "Neuen Termin vorschlagen",
  partnerCancelButton: "Termin absagen",
  askButton: "Um neuen Termin bitten",
  acceptProposalButton: "Neuen Termin annehmen",
  rejectProposalButton: "Anderen Termin erbitten",
  modalTitle: "Neuer Termin",
  modalSubmit: "Vorschlagen",
  modalIntro: (requester: string, date: string) =>
    `Der bisherige Termin (${date}) gilt, bis ${requester} den neuen Termin annimmt.`,
  cancelModalTitle: "Termin absagen",
  cancelModalSubmit: "Absagen",
  cancelModalIntro: (requester: string, date: string) => `Sie sagen die Sparring-Einheit mit ${requester} am ${date} ab. Die Einheit wird wieder frei.`,
  cancelReasonLabel: "Grund",
  cancelReasonHint: "Pflicht: Die Anfragenden erfahren ihn mit der Absage.",
  proposedFallback: (partner: string) => `${partner} schlägt einen neuen Termin vor`,
  proposedText: (partner: string, date: string, format: string, old: string) =>
    `${partner} schlägt einen neuen Termin für Ihre Sparring-Einheit vor: *${date}* (${format}). Bis Sie ihn annehmen, gilt der bisherige Termin (${old}).`,
  rejectedFallback: (requester: string) => `${requester} bittet um einen anderen Termin`,
  rejectedText: (requester: string, municipality: string, date: string, old: string) =>
    `${requester} (${municipality}) kann am vorgeschlagenen Termin (${date}) nicht und bittet um einen anderen. Bis ein neuer vereinbart ist, gilt der bisherige Termin (${old}).`,
  askedFallback: (requester: string) => `${requester} bittet um einen neuen Termin`,
  askedText: (requester: string, municipality: string, old: string) =>
    `${requester} (${municipality}) bittet um einen neuen Termin für die Sparring-Einheit am ${old}. Bitte schlagen Sie einen vor; bis dahin gilt der bisherige Termin.`,
  rescheduledFallback: (date: string) => `Neuer Termin für Ihre Sparring-Einheit: ${date}`,
  rescheduledRequesterText: (partner: string, date: string, format: string) =>
    `Ihre Sparring-Einheit mit ${partner} ist verschoben. Neuer Termin: *${date}* (${format}).`,
  rescheduledPartnerText: (requester: string, municipality: string, date: string, format: string) =>
    `${requester} (${municipality}) hat den neuen Termin angenommen: *${date}* (${format}).`,
  acceptedConfirm: (date: string) => `Sie haben den neuen Termin angenommen: ${date}.`,
  rejectedConfirm: (partner: string) => `${partner} wird gebeten, einen anderen Termin vorzuschlagen. Bis dahin gilt der bisherige Termin.`,
  askedConfirm: (partner: string) => `${partner} wird gebeten, einen neuen Termin vorzuschlagen. Bis dahin gilt der bisherige Termin.`,
  // Every cancel message says who cancelled.
  cancelledFallback: (who: string) => `${who} hat eine Sparring-Einheit abgesagt`,
  sessionOn: (municipality: string, partner: string, date: string) => `die Sparring-Einheit von ${municipality} mit ${partner} am ${date}`,
  requestOf: (municipality: string, partner: string) => `die Sparring-Anfrage von ${municipality} an ${partner}`,
  cancelledByPartner: (partner: string, what: string) => `${partner} hat ${what} abgesagt. Die Einheit ist wieder für die Kommune verfügbar.`,
  cancelledByRequester: (requester: string, municipality: string, what: string) =>
    `${requester} (${municipality}) hat ${what} storniert. Die Einheit ist wieder für die Kommune verfügbar.`,
  cancelledByLead: (lead: string, what: string) => `Die Projektleitung (${lead}) hat ${what} storniert. Die Einheit ist wieder für die Kommune verfügbar.`,
  reason: "Grund",
  reminderFallback: (date: string) => `Erinnerung: Sparring-Einheit am ${date}`,
  reminderText: (partner: string, date: string, format: string) => `Erinnerung an Ihre Sparring-Einheit mit ${partner}: *${date}* (${format}).`,
  partnerReminderText: (requester: string, municipality: string, date: string, format: string) =>
    `Erinnerung an Ihre Sparring-Einheit mit ${requester} (${municipality}): *${date}* (${format}).`,
  soonFallback: (date: string) => `Ihre Sparring-Einheit beginnt bald: ${date}`,
  soonText: (other: string, date: string, format: string) => `Ihre Sparring-Einheit mit ${other} beginnt bald: *${date}* (${format}).`,
  unansweredFallback: (municipality: string) => `Erinnerung: Sparring-Anfrage von ${municipality} wartet auf Ihre Antwort`,
  unansweredText: (requester: string, municipality: string, made: string, lastDay: string) =>
    `Erinnerung: Die Sparring-Anfrage von ${requester} (${municipality}) vom ${made} wartet noch auf Ihre Antwort. Bitte nehmen Sie sie an oder lehnen Sie sie ab; ohne Antwort verfällt sie nach dem ${lastDay}.`,
  expiryWarningFallback: "Ihre Sparring-Anfrage verfällt bald",
  expiryWarningText: (partner: string, lastDay: string) =>
    `Ihre Sparring-Anfrage an ${partner} ist noch nicht beantwortet. Bleibt sie bis zum Ende des ${lastDay} ohne Antwort, verfällt sie und die Einheit wird wieder frei.`,
};

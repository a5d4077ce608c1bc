import type { Locale } from "../domain/types.ts";

/**
 * Texts of the calendar files and the message that comes with them, German and English (kept
 * apart from de.ts / en.ts like insights.ts). Event texts end up in other programs (Outlook,
 * Google): plain text, no Slack mrkdwn.
 */
const deTexts = {
  /** Event title for the partner: the municipality and who asked. */
  titleForPartner: (municipality: string, requester: string) => `Sparring: ${municipality} (${requester})`,
  /** Event title for the municipality's contact: the partner. */
  titleForRequester: (partner: string) => `Sparring mit ${partner}`,
  /** For someone who no longer takes part (after a lead's move): names nobody. */
  titleNeutral: "Sparring-Einheit",
  cancelledPrefix: "Abgesagt: ",
  format: "Format",
  formats: { phone: "Telefon", video: "Videokonferenz" },
  link: "Link",
  phone: "Telefon",
  topics: "Themen",
  footer: "Aus der Slack-App Sparring. Änderungen und Absagen kommen als neue Kalenderdatei in Slack.",
  /** The message in the DM. `date` is a Slack date token. */
  added: (date: string) => `:calendar: *Für Ihren Kalender:* Sparring-Einheit ${date}`,
  updated: (date: string) => `:calendar: *Termin geändert:* Sparring-Einheit jetzt ${date}. Die Datei unten ersetzt den bisherigen Eintrag.`,
  cancelled: (date: string) => `:calendar: *Termin abgesagt:* Sparring-Einheit ${date}. Die Datei unten entfernt ihn aus Ihrem Kalender.`,
  addedFallback: (date: string) => `Für Ihren Kalender: Sparring-Einheit ${date}`,
  updatedFallback: (date: string) => `Termin geändert: Sparring-Einheit ${date}`,
  cancelledFallback: (date: string) => `Termin abgesagt: Sparring-Einheit ${date}`,
  importHint: "Öffnen Sie die .ics-Datei unten, um den Termin in Ihren Kalender zu übernehmen, oder:",
  importFileOnly: "Öffnen Sie die .ics-Datei unten, um den Termin in Ihren Kalender zu übernehmen.",
  google: "In Google Kalender eintragen",
  outlook: "In Outlook eintragen",
  /** The file's comment: names nobody and shows no link (it stays with the file until the file is deleted). */
  fileComment: "Kalenderdatei (.ics) zur Sparring-Einheit",
  fileName: "sparring-termin.ics",
};

export type CalendarTexts = typeof deTexts;

const enTexts: CalendarTexts = {
  titleForPartner: (municipality, requester) => `Sparring: ${municipality} (${requester})`,
  titleForRequester: (partner) => `Sparring with ${partner}`,
  titleNeutral: "Sparring session",
  cancelledPrefix: "Cancelled: ",
  format: "Format",
  formats: { phone: "Phone", video: "Video conference" },
  link: "Link",
  phone: "Phone",
  topics: "Topics",
  footer: "From the Sparring Slack app. Changes and cancellations come as a new calendar file in Slack.",
  added: (date) => `:calendar: *For your calendar:* sparring session ${date}`,
  updated: (date) => `:calendar: *Date changed:* the sparring session is now ${date}. The file below replaces the earlier entry.`,
  cancelled: (date) => `:calendar: *Cancelled:* sparring session ${date}. The file below removes it from your calendar.`,
  addedFallback: (date) => `For your calendar: sparring session ${date}`,
  updatedFallback: (date) => `Date changed: sparring session ${date}`,
  cancelledFallback: (date) => `Cancelled: sparring session ${date}`,
  importHint: "Open the .ics file below to add the session to your calendar, or:",
  importFileOnly: "Open the .ics file below to add the session to your calendar.",
  google: "Add to Google Calendar",
  outlook: "Add to Outlook",
  fileComment: "Calendar file (.ics) for the sparring session",
  fileName: "sparring-session.ics",
};

export function calendarTexts(locale: Locale): CalendarTexts {
  return locale === "en" ? enTexts : deTexts;
}

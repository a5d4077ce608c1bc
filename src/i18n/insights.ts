import type { Locale } from "../domain/types.ts";

/**
 * Texts of the leads' insights (forecast, feedback, nudges, charts), German and English. Kept apart
 * from de.ts / en.ts so each feature's texts sit together; `insights(locale)` picks the language.
 */
const deTexts = {
  forecast: {
    header: "Prognose bis Programmende (beim bisherigen Tempo)",
    total: (expected: number, funded: number, used: number) =>
      `Voraussichtlich genutzt: *${expected}* von ${funded} geförderten Einheiten (bisher ${used})`,
    line: (name: string, used: number, expected: number, funded: number) => `${name}: ${used} → ${expected} von ${funded}`,
  },
  chart: {
    title: "Sparring: Einheiten je Woche und Thema",
    button: "Diagramm senden",
    sent: "Das Diagramm ist in Ihrer Direktnachricht mit der App.",
  },
  feedback: {
    askFallback: "Wie war Ihr Sparring? Ihre Rückmeldung hilft dem Programm.",
    askText: (partner: string, date: string) =>
      `Ihr Sparring mit ${partner} am ${date} hat stattgefunden. Wie hilfreich war es? Die Rückmeldung dauert eine halbe Minute; Sie können sie 7 Tage lang ändern.`,
    button: "Rückmeldung geben",
    title: "Ihre Rückmeldung",
    submit: "Senden",
    cancel: "Abbrechen",
    usefulnessLabel: "Wie hilfreich war das Sparring?",
    usefulness: ["1 – gar nicht", "2 – wenig", "3 – teils", "4 – hilfreich", "5 – sehr hilfreich"],
    recommendLabel: "Würden Sie das Sparring weiterempfehlen?",
    yes: "Ja",
    no: "Nein",
    commentLabel: "Kommentar (freiwillig)",
    commentHint: "Nur die Projektleitung liest ihn; er wird nach der Aufbewahrungsfrist gelöscht.",
    thanksTitle: "Danke!",
    thanks: "Danke für Ihre Rückmeldung. Sie können sie 7 Tage lang ändern.",
    close: "Schließen",
    refusals: {
      request_not_found: "Diese Anfrage gibt es nicht (mehr).",
      feedback_not_yours: "Eine Rückmeldung kann nur die Person geben, die das Sparring angefragt hat.",
      feedback_not_held: "Eine Rückmeldung ist erst möglich, wenn das Sparring stattgefunden hat.",
      feedback_closed: (date: string) => `Ihre Rückmeldung kann seit ${date} nicht mehr geändert werden.`,
    },
    overviewHeader: "Rückmeldungen (Ø Nützlichkeit 1–5, Empfehlung ja / nein)",
    line: (name: string, answers: number, mean: string, yes: number, no: number) => `${name}: Ø ${mean} aus ${answers} · ${yes} / ${no}`,
    byPartner: "Nach Sparring-Partner/-in",
    byTopic: "Nach Thema",
    none: "noch keine",
  },
};

export type InsightTexts = typeof deTexts;

const enTexts: InsightTexts = {
  forecast: {
    header: "Forecast to the programme end (at the rate so far)",
    total: (expected, funded, used) => `Likely used: *${expected}* of ${funded} funded units (so far ${used})`,
    line: (name, used, expected, funded) => `${name}: ${used} → ${expected} of ${funded}`,
  },
  chart: {
    title: "Sparring: units per week and topic",
    button: "Send chart",
    sent: "The chart is in your direct message with the app.",
  },
  feedback: {
    askFallback: "How was your sparring session? Your feedback helps the programme.",
    askText: (partner, date) =>
      `Your sparring session with ${partner} on ${date} took place. How useful was it? It takes half a minute; you can change it for 7 days.`,
    button: "Give feedback",
    title: "Your feedback",
    submit: "Send",
    cancel: "Cancel",
    usefulnessLabel: "How useful was the session?",
    usefulness: ["1 – not at all", "2 – a little", "3 – partly", "4 – useful", "5 – very useful"],
    recommendLabel: "Would you recommend the sparring?",
    yes: "Yes",
    no: "No",
    commentLabel: "Comment (optional)",
    commentHint: "Only the programme lead reads it; it is deleted after the retention period.",
    thanksTitle: "Thank you!",
    thanks: "Thank you for your feedback. You can change it for 7 days.",
    close: "Close",
    refusals: {
      request_not_found: "This request does not exist (any more).",
      feedback_not_yours: "Only the person who asked for the session can give feedback.",
      feedback_not_held: "Feedback is possible once the session has taken place.",
      feedback_closed: (date) => `Your feedback can no longer be changed since ${date}.`,
    },
    overviewHeader: "Feedback (mean usefulness 1–5, would recommend yes / no)",
    line: (name, answers, mean, yes, no) => `${name}: mean ${mean} of ${answers} · ${yes} / ${no}`,
    byPartner: "By partner",
    byTopic: "By topic",
    none: "none yet",
  },
};

export function insights(locale: Locale): InsightTexts {
  return locale === "en" ? enTexts : deTexts;
}

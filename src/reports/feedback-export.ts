import type { Prisma } from "../db/client.ts";
import { feedbackComments, feedbackByPartnerAndTopic, type FeedbackGroup } from "../db/session-feedback.ts";
import { calendarDayOf } from "../domain/calendar-day.ts";
import { feedbackFigures } from "../domain/feedback.ts";
import { toExcelCsv, type Cell } from "./csv.ts";

const header = ["Art", "Name", "Rückmeldungen", "Ø Nützlichkeit (1–5)", "Empfehlung ja", "Empfehlung nein", "Termin", "Kommentar"];

/**
 * feedback.csv for the lead's export: figures per partner and per topic of the sessions held in
 * [from, to), then each comment still stored (the retention job and erasure remove them) with its
 * partner, date and rating. It never names the requester.
 */
export async function buildFeedbackCsv(prisma: Prisma, period: { from: Date; to: Date; timezone: string }): Promise<string> {
  const [{ byPartner, byTopic }, comments] = await Promise.all([feedbackByPartnerAndTopic(prisma, period), feedbackComments(prisma, period)]);
  const group = (kind: string) => (g: FeedbackGroup): Cell[] => {
    const f = feedbackFigures(g);
    return [kind, g.name, f.answers, f.meanUsefulness === null ? null : f.meanUsefulness.toLocaleString("de-DE"), f.recommendYes, f.recommendNo, null, null];
  };
  const rows: Cell[][] = [
    ...byPartner.map(group("Sparring-Partner/-in")),
    ...byTopic.map(group("Thema")),
    ...comments.map((c): Cell[] => [
      "Kommentar", c.partnerName, 1, c.usefulness, c.wouldRecommend ? 1 : 0, c.wouldRecommend ? 0 : 1,
      c.heldOn ? calendarDayOf(c.heldOn, period.timezone).split("-").reverse().join(".") : null, c.comment,
    ]),
  ];
  return toExcelCsv(header, rows);
}

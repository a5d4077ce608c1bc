import type { Prisma } from "./client.ts";
import { Prisma as P } from "./generated/client.ts";
import { suppressSlackId } from "./erasure-suppression.ts";
import { transactionOptions } from "./queries.ts";
import { queueSlackScrubs } from "./slack-scrub.ts";
import type { ErasureResult, PersonRef } from "../domain/ports/data-protection.ts";
import { isUuid } from "../domain/uuid.ts";

/** The name an erased person keeps, so the unit counts that still point at the row read sensibly. */
export const erasedName = "Gelöschte Person";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Everything stored about one person (DSGVO Art. 15), as plain JSON with ISO dates. Requests the
 * person made include their question; requests addressed to them (as partner) leave out what the
 * requester wrote and who the requester is: that is someone else's data.
 */
export async function exportPersonalData(prisma: Prisma, slackId: string): Promise<object | null> {
  const person = await prisma.person.findUnique({
    where: { slackId },
    include: {
      contactOf: { select: { key: true, name: true } },
      partner: true,
      privacyNotice: true,
      assignments: { include: { municipality: { select: { name: true } } }, orderBy: { municipalityKey: "asc" } },
      requested: { include: { municipality: { select: { name: true } }, partner: { select: { name: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      addressed: { include: { municipality: { select: { name: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!person) return null;
  const [events, feedback, nudgeOptOut] = await Promise.all([
    prisma.requestEvent.findMany({ where: { actorId: person.id }, orderBy: { id: "asc" } }),
    prisma.sessionFeedback.findMany({ where: { personId: person.id }, orderBy: { firstAnsweredAt: "asc" } }),
    prisma.nudgeOptOut.findUnique({ where: { personId: person.id } }),
  ]);
  return {
    person: {
      id: person.id, slackId: person.slackId, name: person.name, locale: person.locale,
      localeCheckedAt: iso(person.localeCheckedAt), active: person.active, createdAt: iso(person.createdAt), erasedAt: iso(person.erasedAt),
    },
    roles: {
      contactOf: person.contactOf ? { key: person.contactOf.key, name: person.contactOf.name } : null,
      lead: person.isLead,
      partner: person.partner !== null,
    },
    partnerProfile: person.partner
      ? {
          organisation: person.partner.organisation, bio: person.partner.bio, topics: person.partner.topics,
          methods: person.partner.methods, formats: person.partner.formats, active: person.partner.active,
          assignedTo: person.assignments.map((a) => ({ key: a.municipalityKey, name: a.municipality.name })),
        }
      : null,
    privacyNotice: person.privacyNotice ? { shownAt: iso(person.privacyNotice.shownAt) } : null,
    // "Keine Erinnerungen mehr" on the monthly nudge: stored per person, so it is theirs to see.
    nudgeOptOut: nudgeOptOut ? { optedOutAt: iso(nudgeOptOut.at) } : null,
    requestsMade: person.requested.map((r) => ({
      id: r.id, municipality: r.municipality.name, partner: r.partner.name, topics: r.topics, question: r.question,
      preferredFormat: r.preferredFormat, preferredTimes: r.preferredTimes, units: r.units, state: r.state,
      scheduledStart: iso(r.scheduledStart), format: r.format, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt),
    })),
    requestsAddressed: person.addressed.map((r) => ({
      id: r.id, municipality: r.municipality.name, topics: r.topics, units: r.units, state: r.state,
      scheduledStart: iso(r.scheduledStart), format: r.format, meetingLink: r.meetingLink, meetingPhone: r.meetingPhone,
      declineReason: r.declineReason, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt),
    })),
    feedbackGiven: feedback.map((f) => ({
      requestId: f.requestId, usefulness: f.usefulness, wouldRecommend: f.wouldRecommend, comment: f.comment,
      firstAnsweredAt: iso(f.firstAnsweredAt), answeredAt: iso(f.answeredAt),
    })),
    auditEvents: events.map((e) => ({
      requestId: e.requestId, at: iso(e.at), from: e.fromState, to: e.toState, reason: e.reason, details: e.details,
    })),
  };
}

export type { ErasureResult, PersonRef } from "../domain/ports/data-protection.ts";

/**
 * Erasure (DSGVO Art. 17) that keeps the accounting: the row stays with a placeholder name so the
 * requests, their units and the audit trail still add up; what identifies the person or what they
 * wrote goes, from every table (docs/data-protection.md lists them), and what the app posted to
 * Slack about them is queued for overwrite / deletion through the outbox. Works for every stored
 * person, active or deactivated by an import. `by` is the person who asked for it (null: the
 * person themselves, the operator's CLI); it is not stored: the audit trail has no place for
 * person-level events. A suppression entry (keyed hash of the Slack id) stops re-imports.
 */
export async function erasePerson(prisma: Prisma, ref: PersonRef, _by: string | null, now: Date): Promise<ErasureResult> {
  const nothing: ErasureResult = { erased: false, requests: 0, slackCopies: 0 };
  return prisma.$transaction(async (tx) => {
    if ("personId" in ref && !isUuid(ref.personId)) return nothing;
    const where = "slackId" in ref ? P.sql`slack_id = ${ref.slackId}` : P.sql`id = ${ref.personId}::uuid`;
    const [person] = await tx.$queryRaw<Array<{ id: string; slackId: string | null; name: string; contactOf: string | null }>>`
      SELECT id::text AS id, slack_id AS "slackId", name, contact_of AS "contactOf" FROM people WHERE ${where} AND erased_at IS NULL FOR UPDATE`;
    if (!person) return nothing;

    // Whose Home showed this person's requests or name: republished below, after the data is gone.
    const affected = await tx.$queryRaw<Array<{ slackId: string }>>`
      SELECT DISTINCT p.slack_id AS "slackId" FROM people p
      WHERE p.slack_id IS NOT NULL AND p.id <> ${person.id}::uuid AND (
        p.contact_of IN (SELECT municipality_key FROM session_requests WHERE requester_id = ${person.id}::uuid OR partner_id = ${person.id}::uuid)
        OR p.id IN (SELECT partner_id FROM session_requests WHERE requester_id = ${person.id}::uuid)
        OR p.id IN (SELECT requester_id FROM session_requests WHERE partner_id = ${person.id}::uuid))`;

    await tx.person.update({
      where: { id: person.id },
      data: {
        slackId: null, name: erasedName, locale: null, localeCheckedAt: null, dmChannel: null, erasedAt: now, active: false,
        contactOfKey: null, isLead: false,
      },
    });
    // Requests they made: the free text goes (a meeting phone number may be theirs), the units (and who was asked) stay.
    const requests = await tx.sessionRequest.updateMany({
      where: { requesterId: person.id },
      data: { question: null, preferredTimes: "", declineReason: null, meetingLink: null, meetingPhone: null },
    });
    // Requests addressed to them: their decline reasons and the meeting details they gave.
    await tx.sessionRequest.updateMany({
      where: { partnerId: person.id },
      data: { declineReason: null, meetingLink: null, meetingPhone: null },
    });
    // Meeting details in proposed new dates of their sessions (either side may have typed them).
    await tx.$executeRaw`
      UPDATE reschedule_proposals SET meeting_link = NULL, meeting_phone = NULL
      WHERE request_id IN (SELECT id FROM session_requests WHERE requester_id = ${person.id}::uuid OR partner_id = ${person.id}::uuid)`;
    // Reasons written about their requests (a decline or correction may quote or name them) and their own events' details.
    await tx.$executeRaw`
      UPDATE request_events SET reason = NULL
      WHERE reason IS NOT NULL AND request_id IN (
        SELECT id FROM session_requests WHERE requester_id = ${person.id}::uuid OR partner_id = ${person.id}::uuid)`;
    await tx.requestEvent.updateMany({ where: { actorId: person.id }, data: { reason: null, details: P.DbNull } });
    // Their feedback comments go; the rating stays (figures per partner, like the unit counts).
    await tx.sessionFeedback.updateMany({ where: { personId: person.id }, data: { comment: null } });
    await tx.privacyNoticeShown.deleteMany({ where: { personId: person.id } });
    await tx.nudgeOptOut.deleteMany({ where: { personId: person.id } });
    await tx.partnerProfile.updateMany({ where: { personId: person.id }, data: { bio: "", organisation: "", active: false } });
    await tx.assignment.deleteMany({ where: { partnerId: person.id } });
    // The admin audit log keeps the entry (who changed what, when) but not the erased person's Slack id;
    // programme files waiting for "Apply" that they sent or that name them are dropped (the lead can send the file again).
    if (person.slackId) await tx.adminChange.updateMany({ where: { entityKey: person.slackId }, data: { entityKey: "(gelöscht)" } });
    await tx.pendingUpload.deleteMany({ where: { OR: [{ uploaderId: person.id }, ...(person.slackId ? [{ content: { contains: person.slackId } }] : [])] } });

    const nameInJson = JSON.stringify(person.name).slice(1, -1);
    if (person.slackId) {
      // Queued and delivered Home republishes name the Slack user; nobody is left to show them to.
      await tx.$executeRaw`DELETE FROM outbox WHERE kind = 'slack' AND payload->>'slackId' = ${person.slackId}`;
      // Message records addressed by the user id itself (their Home) would still point at them.
      await tx.slackMessage.deleteMany({ where: { channel: person.slackId, scrubbedAt: null } });
      // Their Home still shows their requests: blank it once (through the outbox, like the messages).
      await tx.slackMessage.create({ data: { purpose: "home", channel: person.slackId, personIds: [person.id] }, select: { id: true } });
      await suppressSlackId(tx, person.slackId, now);
    }
    // Delivered rows that name them (a digest listing a partner) go now instead of after the pruning
    // time; undelivered ones are still to be sent: the name is replaced.
    // (A name of one or two letters would match unrelated text; the import requires real names.)
    if (person.name.trim().length >= 3) {
      await tx.$executeRaw`
        DELETE FROM outbox WHERE sent_at IS NOT NULL AND strpos(payload::text, ${nameInJson}) > 0`;
      await tx.$executeRaw`
        UPDATE outbox SET payload = replace(payload::text, ${nameInJson}, ${erasedName})::jsonb
        WHERE sent_at IS NULL AND strpos(payload::text, ${nameInJson}) > 0`;
    }
    // A stored "partner inactive" refusal carries the partner's name for replays.
    await tx.$executeRaw`
      UPDATE idempotency_keys SET result = result - 'partner'
      WHERE result->>'code' = 'partner_inactive' AND result->>'partner' = ${person.name}`;

    // Every Slack copy that names them or shows their question: overwritten or deleted through the outbox.
    const slackCopies = await queueSlackScrubs(
      tx,
      P.sql`${person.id} = ANY(person_ids) OR request_id IN (
        SELECT id FROM session_requests WHERE requester_id = ${person.id}::uuid OR partner_id = ${person.id}::uuid)`,
      now,
    );
    if (affected.length > 0) {
      await tx.outboxMessage.createMany({ data: affected.map(({ slackId }) => ({ kind: "slack", payload: { op: "home", slackId } })) });
    }
    return { erased: true, requests: requests.count, slackCopies };
  }, transactionOptions);
}

/** Records the first showing of the privacy notice; true when it was recorded now, false if shown before. */
export async function recordPrivacyNoticeShown(prisma: Prisma, personId: string, now: Date): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    INSERT INTO privacy_notices_shown (person_id, shown_at) VALUES (${personId}::uuid, ${now})
    ON CONFLICT DO NOTHING RETURNING person_id`;
  return rows.length === 1;
}

export async function privacyNoticeShown(prisma: Prisma, personId: string): Promise<boolean> {
  const row = await prisma.privacyNoticeShown.findUnique({ where: { personId }, select: { personId: true } });
  return row !== null;
}

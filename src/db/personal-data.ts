import type { Prisma } from "./client.ts";
import { Prisma as P } from "./generated/client.ts";
import { isUuid } from "./map-rows.ts";
import { transactionOptions } from "./queries.ts";

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
      requested: { include: { municipality: { select: { name: true } }, partner: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      addressed: { include: { municipality: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!person) return null;
  const events = await prisma.requestEvent.findMany({ where: { actorId: person.id }, orderBy: { id: "asc" } });
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
    auditEvents: events.map((e) => ({
      requestId: e.requestId, at: iso(e.at), from: e.fromState, to: e.toState, reason: e.reason, details: e.details,
    })),
  };
}

export type PersonRef = { slackId: string } | { personId: string };

/**
 * Erasure (DSGVO Art. 17) that keeps the accounting: the row stays with a placeholder name so the
 * requests, their units and the audit trail still add up; what identifies the person or what they
 * wrote goes. `by` is the person who asked for it (null: the person themselves or a job); it is
 * not stored beyond this call: the audit trail has no place for person-level events.
 */
export async function erasePerson(
  prisma: Prisma,
  ref: PersonRef,
  _by: string | null,
  now: Date,
): Promise<{ erased: boolean; requests: number }> {
  return prisma.$transaction(async (tx) => {
    if ("personId" in ref && !isUuid(ref.personId)) return { erased: false, requests: 0 };
    const where = "slackId" in ref ? P.sql`slack_id = ${ref.slackId}` : P.sql`id = ${ref.personId}::uuid`;
    const [person] = await tx.$queryRaw<Array<{ id: string; slackId: string | null; name: string }>>`
      SELECT id::text AS id, slack_id AS "slackId", name FROM people WHERE ${where} AND erased_at IS NULL FOR UPDATE`;
    if (!person) return { erased: false, requests: 0 };

    await tx.person.update({
      where: { id: person.id },
      data: {
        slackId: null, name: erasedName, locale: null, localeCheckedAt: null, erasedAt: now, active: false,
        contactOfKey: null, isLead: false,
      },
    });
    // Requests they made: the free text goes, the units (and who was asked) stay.
    const requests = await tx.sessionRequest.updateMany({
      where: { requesterId: person.id },
      data: { question: null, preferredTimes: "", declineReason: null },
    });
    // Requests addressed to them: their decline reasons and the meeting details they gave (a phone number may be theirs).
    await tx.sessionRequest.updateMany({
      where: { partnerId: person.id },
      data: { declineReason: null, meetingLink: null, meetingPhone: null },
    });
    await tx.requestEvent.updateMany({ where: { actorId: person.id }, data: { reason: null, details: P.DbNull } });
    await tx.privacyNoticeShown.deleteMany({ where: { personId: person.id } });
    await tx.partnerProfile.updateMany({ where: { personId: person.id }, data: { bio: "", organisation: "", active: false } });
    await tx.assignment.deleteMany({ where: { partnerId: person.id } });
    if (person.slackId) {
      // Queued Home republishes name the Slack user; nobody is left to show them to.
      await tx.$executeRaw`DELETE FROM outbox WHERE kind = 'slack' AND payload->>'slackId' = ${person.slackId}`;
      // Message records hold channel ids only; one addressed by the user id itself would still point at them.
      await tx.slackMessage.deleteMany({ where: { channel: person.slackId } });
    }
    // A stored "partner inactive" refusal carries the partner's name for replays.
    await tx.$executeRaw`
      UPDATE idempotency_keys SET result = result - 'partner'
      WHERE result->>'code' = 'partner_inactive' AND result->>'partner' = ${person.name}`;
    return { erased: true, requests: requests.count };
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

import { accountingExportNames } from "./accounting-export-names.ts";
import { assignedPartners } from "./assigned-partners.ts";
import type { Database } from "./client.ts";
import { moveRequest } from "./move-request.ts";
import { setMunicipalityActive } from "./set-municipality-active.ts";
import { setPartnerActive } from "./set-partner-active.ts";
import { leadHomeCounts } from "./lead-home-counts.ts";
import { leadOverview } from "./lead-overview.ts";
import { leadToggleChoices } from "./lead-toggle-choices.ts";
import { erasePerson, exportPersonalData, recordPrivacyNoticeShown } from "./personal-data.ts";
import { personLocale } from "./person-locale.ts";
import { programmeDay } from "./programme-day.ts";
import { recordUploadedFiles } from "./slack-records.ts";
import { storedPerson } from "./stored-person.ts";
import { writeAccountingExports } from "../reports/accounting-exports.ts";
import { expireOverdue } from "./expire-overdue.ts";
import { Prisma as P } from "./generated/client.ts";
import { partnerInclude, toMunicipality, toPartner } from "./map-rows.ts";
import { selectRequests } from "./select-requests.ts";
import { findActor, loadPartner, loadRequest, loadRules, municipalityUnits, requireRules } from "./queries.ts";
import { requestSession } from "./request-session.ts";
import { answerProposal, askNewDate, proposeNewDate } from "./reschedule-call.ts";
import { transitionRequest } from "./transition-request.ts";
import { buildQuota } from "../domain/quota.ts";
import { ok, refuse } from "../domain/refusals.ts";
import type { SparringService } from "../domain/service.ts";
import type { Clock, Topic } from "../domain/types.ts";
import { isUuid } from "../domain/uuid.ts";

/** The use cases on a database; `clock` is the only source of "now" for the rules and the records. */
export function createSparringService(db: Database, clock: Clock): SparringService {
  const { prisma } = db;
  return {
    programme: () => loadRules(prisma),

    // Raw: every delivery and Home reads the topics, and a Prisma model query is compiled anew each call.
    topics: (options) => prisma.$queryRaw<Topic[]>`
      SELECT key, label_de AS "labelDe", label_en AS "labelEn", retired FROM topics
      WHERE ${options?.includeRetired ? P.sql`true` : P.sql`NOT retired`}
      ORDER BY sort_order, key`,

    whoIs: (slackId) => findActor(prisma, slackId),

    ...personLocale(prisma),

    requestSession: (actorSlackId, input, idempotencyKey) => requestSession(db, clock, actorSlackId, input, idempotencyKey),

    acceptRequest: (actorSlackId, requestId, accept, idempotencyKey) =>
      transitionRequest(db, clock, { actorSlackId, requestId, action: "accept", accept, idempotencyKey }),
    declineRequest: (actorSlackId, requestId, { reason }, idempotencyKey) =>
      transitionRequest(db, clock, { actorSlackId, requestId, action: "decline", reason, idempotencyKey }),
    cancelRequest: (actorSlackId, requestId, { reason }, idempotencyKey) =>
      transitionRequest(db, clock, { actorSlackId, requestId, action: "cancel", reason, idempotencyKey }),
    markHeld: (actorSlackId, requestId, idempotencyKey, input) =>
      transitionRequest(db, clock, { actorSlackId, requestId, action: "mark_held", reason: input?.reason, idempotencyKey }),
    markNotHeld: (actorSlackId, requestId, { reason }, idempotencyKey) =>
      transitionRequest(db, clock, { actorSlackId, requestId, action: "mark_not_held", reason, idempotencyKey }),

    proposeNewDate: (actorSlackId, requestId, input, key) => proposeNewDate(db, clock, actorSlackId, requestId, input, key),
    askNewDate: (actorSlackId, requestId, key) => askNewDate(db, clock, actorSlackId, requestId, key),
    answerProposal: (actorSlackId, proposalId, answer, key) => answerProposal(db, clock, actorSlackId, proposalId, answer, key),

    expireOverdue: () => expireOverdue(db, clock),

    async quotaOf(municipalityKey, options) {
      const rules = options?.rules ?? (await requireRules(prisma));
      const units = await municipalityUnits(prisma, municipalityKey, options?.partnerId ?? null);
      return { ...buildQuota(municipalityKey, rules, units), partnerAssigned: units.partnerAssigned };
    },

    async partnerDirectory(filter) {
      const topics = filter?.topics ?? [];
      const activeOnly = filter?.activeOnly ?? true;
      const today = activeOnly ? await programmeDay(prisma, clock()) : null;
      const rows = await prisma.partnerProfile.findMany({
        where: {
          ...(topics.length > 0 ? { topics: { hasEvery: topics } } : {}),
          // Paused by the partner up to and including pausedUntil: not offered, open requests stay.
          ...(activeOnly
            ? { active: true, person: { active: true, erasedAt: null }, OR: [{ pausedUntil: null }, { pausedUntil: { lt: new Date(`${today}T00:00:00Z`) } }] }
            : {}),
        },
        include: partnerInclude,
        orderBy: [{ person: { name: "asc" } }, { personId: "asc" }],
      });
      return rows.map(toPartner);
    },

    partner: (personId) => loadPartner(prisma, personId),
    assignedPartners: (municipalityKey) => assignedPartners(prisma, municipalityKey),

    async municipality(key) {
      const row = await prisma.municipality.findUnique({ where: { key } });
      return row ? toMunicipality(row) : null;
    },

    async municipalities() {
      const rows = await prisma.municipality.findMany({ orderBy: [{ name: "asc" }, { key: "asc" }] });
      return rows.map(toMunicipality);
    },

    request: (requestId) => loadRequest(prisma, requestId),

    async requestFor(actorSlackId, requestId) {
      const actor = await findActor(prisma, actorSlackId);
      if (!actor) return refuse("unknown_person", {});
      const request = await loadRequest(prisma, requestId);
      if (!request) return refuse("request_not_found", {});
      const visible = actor.isLead || actor.personId === request.partnerId || actor.contactOf === request.municipalityKey;
      return visible ? ok(request) : refuse("forbidden", { action: "request" });
    },

    async requestsOfMunicipality(municipalityKey) {
      return selectRequests(prisma, P.sql`r.municipality_key = ${municipalityKey}`);
    },

    async requestsOfPartner(partnerId) {
      if (!isUuid(partnerId)) return [];
      return selectRequests(prisma, P.sql`r.partner_id = ${partnerId}::uuid`);
    },

    moveRequest: (leadSlackId, requestId, input, idempotencyKey) => moveRequest(prisma, clock, leadSlackId, requestId, input, idempotencyKey),
    setPartnerActive: (leadSlackId, partnerId, active) => setPartnerActive(prisma, clock(), leadSlackId, partnerId, active),
    setMunicipalityActive: (leadSlackId, key, active) => setMunicipalityActive(prisma, clock(), leadSlackId, key, active),
    leadToggleChoices: (kind) => leadToggleChoices(prisma, kind),
    leadHomeCounts: (programme, now) => leadHomeCounts(prisma, programme, now),
    leadOverview: (programme, now, options) => leadOverview(prisma, programme, now, options),
    writeAccountingExports: (programme, period, open) => writeAccountingExports(prisma, programme, period, open),
    accountingExportNames: () => accountingExportNames(prisma),

    exportPersonalData: (slackId) => exportPersonalData(prisma, slackId),
    storedPerson: (ref) => storedPerson(prisma, ref),
    erasePerson: (ref, byPersonId) => erasePerson(prisma, ref, byPersonId, clock()),
    recordUploadedFiles: (files) => recordUploadedFiles(prisma, files),
    recordPrivacyNoticeShown: (personId) => recordPrivacyNoticeShown(prisma, personId, clock()),
  };
}

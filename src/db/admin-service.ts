import type { Database } from "./client.ts";
import { recentAdminChanges, recordAdminChange } from "./admin-audit.ts";
import { changeProgramme } from "./change-programme.ts";
import { findActor } from "./queries.ts";
import { recordUploadedFiles } from "./slack-records.ts";
import { loadDirectory } from "./load-directory.ts";
import { programmeDay } from "./programme-day.ts";
import { importDirectory } from "./import-directory.ts";
import { planImport } from "../directory/plan-import.ts";
import type { AdminPort } from "../domain/ports/admin.ts";
import type { Clock } from "../domain/types.ts";

/** How long the "Apply" button of a dry run stays valid. */
export const uploadLifetimeMs = 24 * 60 * 60 * 1000;

const fileHeader = (now: Date) =>
  `Programmdatei für „Sparring“, aus der App heruntergeladen am ${now.toISOString().slice(0, 10)}.\n` +
  "Format: docs/programme-file.md. Bearbeiten und als Datei an die Direktnachricht mit der App senden.";

export function createAdminService(db: Database, clock: Clock): AdminPort {
  const { prisma } = db;
  const leadId = async (slackId: string) => {
    const actor = await findActor(prisma, slackId);
    return actor?.isLead ? actor.personId : null;
  };
  return {
    isLead: async (slackId) => (await leadId(slackId)) !== null,

    change: (leadSlackId, change) => changeProgramme(prisma, clock, leadSlackId, change),

    async programmeFile() {
      const directory = await loadDirectory(prisma);
      if (!directory) return null;
      const people = await prisma.person.findMany({ where: { slackId: { in: directory.people.map((p) => p.slack_id) } }, select: { id: true } });
      const { directoryToYaml } = await import("../directory/export-directory.ts");
      return { yaml: directoryToYaml(directory, fileHeader(clock())), personIds: people.map((p) => p.id) };
    },

    recordSentFile: (channel, fileIds, personIds) => recordUploadedFiles(prisma, { purpose: "programme_file", channel, fileIds, personIds }),

    async checkUpload(uploaderSlackId, fileName, content) {
      const none = { fileName, uploadId: null, changes: [], conflicts: [], erasedSkipped: [] };
      const uploaderId = await leadId(uploaderSlackId);
      if (!uploaderId) return { ...none, errors: ["not_a_lead"] };
      const { parseDirectory } = await import("../directory/parse-directory.ts");
      const parsed = parseDirectory(content);
      if (!parsed.ok) return { ...none, errors: parsed.errors };
      const plan = await planImport(prisma, parsed.directory);
      const now = clock();
      const pending = await prisma.pendingUpload.create({
        data: { uploaderId, fileName, content, createdAt: now, expiresAt: new Date(now.getTime() + uploadLifetimeMs) },
        select: { id: true },
      });
      return { fileName, uploadId: pending.id, errors: [], ...plan };
    },

    async applyUpload(slackId, uploadId) {
      const personId = await leadId(slackId);
      if (!personId) return { ok: false, code: "not_a_lead" };
      const now = clock();
      const pending = await prisma.pendingUpload.findUnique({ where: { id: uploadId } });
      if (!pending || pending.appliedAt || pending.expiresAt <= now) return { ok: false, code: "expired" };
      if (pending.uploaderId !== personId) return { ok: false, code: "not_yours" };
      const { parseDirectory } = await import("../directory/parse-directory.ts");
      const parsed = parseDirectory(pending.content);
      if (!parsed.ok) return { ok: false, code: "invalid", errors: parsed.errors };
      // Claimed first (compare-and-swap): a double click imports once.
      const claimed = await prisma.pendingUpload.updateMany({ where: { id: uploadId, appliedAt: null }, data: { appliedAt: now } });
      if (claimed.count === 0) return { ok: false, code: "expired" };
      try {
        await importDirectory(prisma, parsed.directory, now, { actorId: personId, fileName: pending.fileName });
      } catch (error) {
        await prisma.pendingUpload.update({ where: { id: uploadId }, data: { appliedAt: null } });
        throw error;
      }
      // The file names people: it is not kept once imported.
      await prisma.pendingUpload.update({ where: { id: uploadId }, data: { content: "" } });
      return { ok: true, fileName: pending.fileName };
    },

    async history(requestId) {
      const request = await prisma.sessionRequest.findUnique({ where: { id: requestId }, select: { id: true } });
      if (!request) return null;
      const events = await prisma.requestEvent.findMany({ where: { requestId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
      const actorIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
      const people = await prisma.person.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
      const names = new Map(people.map((p) => [p.id, p.name]));
      return events.map((e) => ({ at: e.at, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, from: e.fromState, to: e.toState, reason: e.reason }));
    },

    recentChanges: (limit) => recentAdminChanges(prisma, limit),

    async ownProfile(slackId) {
      const row = await prisma.partnerProfile.findFirst({ where: { person: { slackId, active: true, erasedAt: null } } });
      if (!row) return null;
      const { organisation, topics, methods, formats, bio } = row;
      return { organisation, topics, methods, formats, bio, pausedUntil: row.pausedUntil ? row.pausedUntil.toISOString().slice(0, 10) : null };
    },

    async updateOwnProfile(slackId, profile) {
      const now = clock();
      if (profile.pausedUntil && profile.pausedUntil < (await programmeDay(prisma, now))) return { ok: false, code: "past_date" };
      return prisma.$transaction(async (tx) => {
        const row = await tx.partnerProfile.findFirst({ where: { person: { slackId, active: true, erasedAt: null } }, select: { personId: true } });
        if (!row) return { ok: false, code: "not_a_partner" } as const;
        const offered = await tx.topic.count({ where: { key: { in: profile.topics }, retired: false } });
        if (profile.topics.length === 0 || offered !== new Set(profile.topics).size) return { ok: false, code: "topic_unavailable" } as const;
        const { pausedUntil, ...fields } = profile;
        await tx.partnerProfile.update({
          where: { personId: row.personId },
          data: { ...fields, pausedUntil: pausedUntil ? new Date(`${pausedUntil}T00:00:00Z`) : null },
        });
        await recordAdminChange(tx, { at: now, actorId: row.personId, source: "slack", action: "partner_self_edit", entityKind: "partner", entityKey: slackId });
        return { ok: true } as const;
      });
    },
  };
}

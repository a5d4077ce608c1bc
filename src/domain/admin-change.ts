import type { Directory, DirectoryPerson } from "../directory/directory-schema.ts";

/**
 * A lead's change from `/sparring verwaltung`, applied to the programme as a file: the result is
 * checked by the same schema and cross-reference rules as an import (src/db/change-programme.ts),
 * so Slack cannot create a programme the file could not describe.
 */
export type AdminChange =
  | { kind: "add_contact"; slackId: string; name: string; municipalityKey: string }
  | { kind: "deactivate_contact"; slackId: string }
  | { kind: "assign_partner"; municipalityKey: string; partnerSlackId: string }
  | { kind: "unassign_partner"; municipalityKey: string; partnerSlackId: string }
  | {
      kind: "add_partner";
      slackId: string;
      name: string;
      organisation: string;
      topics: string[];
      methods: string[];
      formats: Array<"phone" | "video">;
      bio: string;
    }
  | { kind: "pause_partner"; slackId: string }
  | { kind: "resume_partner"; slackId: string }
  | { kind: "add_topic"; key: string; de: string; en: string }
  | { kind: "retire_topic"; key: string }
  | {
      kind: "programme_settings";
      digestChannel: string | null;
      digestWeekday: Directory["programme"]["digest"]["weekday"];
      digestTime: string;
      /** Reminder settings; one left out stays as it is. */
      reminders: Partial<Directory["programme"]["reminders"]>;
    };

export type AdminChangeKind = AdminChange["kind"];

export type AdminRefusal =
  | { ok: false; code: "not_a_lead" }
  | { ok: false; code: "no_programme" }
  | { ok: false; code: "municipality_unknown"; key: string }
  | { ok: false; code: "person_unknown"; slackId: string }
  /** `municipality`: the name of the one the person is a contact of already. */
  | { ok: false; code: "already_contact"; slackId: string; municipality: string }
  | { ok: false; code: "not_a_contact"; slackId: string }
  | { ok: false; code: "not_a_partner"; slackId: string }
  | { ok: false; code: "already_partner"; slackId: string }
  | { ok: false; code: "already_assigned"; slackId: string; municipalityKey: string }
  | { ok: false; code: "not_assigned"; slackId: string; municipalityKey: string }
  | { ok: false; code: "topic_exists"; key: string }
  | { ok: false; code: "topic_unknown"; key: string }
  | { ok: false; code: "unchanged" }
  /** The changed programme broke a rule of the file (the import's own messages). */
  | { ok: false; code: "invalid"; errors: string[] };

/** The file entry a change touched, for the admin audit log (`entityKind` / `entityKey`). */
export interface ChangedEntry {
  entityKind: "programme" | "topic" | "municipality" | "person" | "partner" | "assignment";
  entityKey: string;
}

export type AdminChangeResult = { ok: true; directory: Directory; entry: ChangedEntry } | AdminRefusal;

/** The programme with the change applied, or why it cannot be. Pure: `directory` is not modified. */
export function applyAdminChange(directory: Directory, change: AdminChange): AdminChangeResult {
  const d: Directory = structuredClone(directory);
  const person = (slackId: string) => d.people.find((p) => p.slack_id === slackId);
  const municipality = (key: string) => d.municipalities.find((m) => m.key === key);
  const done = (entityKind: ChangedEntry["entityKind"], entityKey: string): AdminChangeResult => ({ ok: true, directory: d, entry: { entityKind, entityKey } });

  switch (change.kind) {
    case "add_contact": {
      if (!municipality(change.municipalityKey)) return { ok: false, code: "municipality_unknown", key: change.municipalityKey };
      const existing = person(change.slackId);
      if (existing?.contact_of) {
        return { ok: false, code: "already_contact", slackId: change.slackId, municipality: municipality(existing.contact_of)?.name ?? existing.contact_of };
      }
      if (existing) existing.contact_of = change.municipalityKey;
      else d.people.push({ slack_id: change.slackId, name: change.name, contact_of: change.municipalityKey, lead: false, partner: null });
      return done("person", change.slackId);
    }
    case "deactivate_contact": {
      const existing = person(change.slackId);
      if (!existing?.contact_of) return { ok: false, code: "not_a_contact", slackId: change.slackId };
      // Someone with another role keeps it and only stops being a contact; otherwise they leave the file (deactivated).
      if (existing.lead || existing.partner) existing.contact_of = null;
      else d.people = d.people.filter((p) => p !== existing);
      return done("person", change.slackId);
    }
    case "assign_partner":
    case "unassign_partner": {
      const target = municipality(change.municipalityKey);
      if (!target) return { ok: false, code: "municipality_unknown", key: change.municipalityKey };
      if (!person(change.partnerSlackId)?.partner) return { ok: false, code: "not_a_partner", slackId: change.partnerSlackId };
      const assigned = target.assigned_partners.includes(change.partnerSlackId);
      if (change.kind === "assign_partner") {
        if (assigned) return { ok: false, code: "already_assigned", slackId: change.partnerSlackId, municipalityKey: change.municipalityKey };
        target.assigned_partners.push(change.partnerSlackId);
      } else {
        if (!assigned) return { ok: false, code: "not_assigned", slackId: change.partnerSlackId, municipalityKey: change.municipalityKey };
        target.assigned_partners = target.assigned_partners.filter((s) => s !== change.partnerSlackId);
      }
      return done("assignment", change.municipalityKey);
    }
    case "add_partner": {
      const existing = person(change.slackId);
      if (existing?.partner) return { ok: false, code: "already_partner", slackId: change.slackId };
      const partner = { organisation: change.organisation, topics: change.topics, methods: change.methods, formats: change.formats, bio: change.bio, active: true };
      if (existing) existing.partner = partner;
      else d.people.push({ slack_id: change.slackId, name: change.name, contact_of: null, lead: false, partner } satisfies DirectoryPerson);
      return done("partner", change.slackId);
    }
    case "pause_partner":
    case "resume_partner": {
      const profile = person(change.slackId)?.partner;
      if (!profile) return { ok: false, code: "not_a_partner", slackId: change.slackId };
      const active = change.kind === "resume_partner";
      if (profile.active === active) return { ok: false, code: "unchanged" };
      profile.active = active;
      return done("partner", change.slackId);
    }
    case "add_topic": {
      if (d.topics.some((t) => t.key === change.key)) return { ok: false, code: "topic_exists", key: change.key };
      d.topics.push({ key: change.key, de: change.de, en: change.en, retired: false });
      return done("topic", change.key);
    }
    case "retire_topic": {
      // Retiring is always allowed (open requests keep the topic); a topic is never deleted.
      const topic = d.topics.find((t) => t.key === change.key);
      if (!topic) return { ok: false, code: "topic_unknown", key: change.key };
      if (topic.retired) return { ok: false, code: "unchanged" };
      topic.retired = true;
      return done("topic", change.key);
    }
    case "programme_settings": {
      d.programme.digest = { channel: change.digestChannel, weekday: change.digestWeekday, time: change.digestTime };
      // Checked again by the import's schema (whole numbers, at least 1) with the rest of the file.
      d.programme.reminders = { ...d.programme.reminders, ...change.reminders };
      return done("programme", "programme");
    }
  }
}

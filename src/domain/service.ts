import type { ContactsPort } from "./ports/contacts.ts";
import type { DataProtectionPort } from "./ports/data-protection.ts";
import type { LeadsPort } from "./ports/leads.ts";
import type { PartnersPort } from "./ports/partners.ts";
import type { PersonLocalePort } from "./ports/person-locale.ts";
import type { ProgrammeReads } from "./ports/reads.ts";
import type { SessionRequest } from "./types.ts";

export type { RequestInput } from "./ports/contacts.ts";
export type { AcceptInput } from "./ports/partners.ts";

/**
 * The use cases the Slack layer, the jobs and the CLIs call, grouped by who uses them
 * (src/domain/ports/): everyone's reads, contacts, partners, leads, data protection and the
 * person's language. Implemented by the data layer (src/db/sparring-service.ts), each mutating
 * call in one transaction. Actors are named by their Slack user id; who may do what is decided
 * from the data, never from the caller. Every mutating call that a retry may repeat takes an
 * idempotency key: the same key again returns the first result and writes nothing.
 */
export interface SparringService extends ProgrammeReads, ContactsPort, PartnersPort, LeadsPort, DataProtectionPort, PersonLocalePort {
  /** Expires requests unanswered for the programme's working days; returns the expired ones. */
  expireOverdue(): Promise<SessionRequest[]>;
}

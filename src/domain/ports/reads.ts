import type { Result } from "../refusals.ts";
import type { Actor, Municipality, PartnerProfile, ProgrammeRules, Quota, SessionRequest, Topic } from "../types.ts";

/** What every part of the app reads: the programme, its people, topics and requests. */
export interface ProgrammeReads {
  programme(): Promise<ProgrammeRules | null>;
  topics(options?: { includeRetired?: boolean }): Promise<Topic[]>;
  /** An active person by Slack id, with the roles the data gives them. */
  whoIs(slackId: string): Promise<Actor | null>;
  /** `rules`: the programme as the caller already read it (saves reading it again). */
  quotaOf(municipalityKey: string, options?: { partnerId?: string; rules?: ProgrammeRules }): Promise<Quota & { partnerAssigned: boolean }>;
  partnerDirectory(filter?: { topics?: string[]; activeOnly?: boolean }): Promise<PartnerProfile[]>;
  partner(personId: string): Promise<PartnerProfile | null>;
  /** The facilitators assigned to a municipality (their units count against the sub-quota), by name. */
  assignedPartners(municipalityKey: string): Promise<PartnerProfile[]>;
  municipality(key: string): Promise<Municipality | null>;
  /** Every municipality, active or not, ordered by name (leads' corrections pick from it). */
  municipalities(): Promise<Municipality[]>;
  request(requestId: string): Promise<SessionRequest | null>;
  /** Who may see it is checked: contacts of its municipality, its partner, leads. */
  requestFor(actorSlackId: string, requestId: string): Promise<Result<SessionRequest>>;
  requestsOfMunicipality(municipalityKey: string): Promise<SessionRequest[]>;
  requestsOfPartner(partnerId: string): Promise<SessionRequest[]>;
}

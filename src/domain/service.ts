import type { Result } from "./refusals.ts";
import type {
  Actor, Municipality, PartnerProfile, ProgrammeRules, Quota, SessionFormat, SessionRequest, Topic,
} from "./types.ts";

/**
 * The use cases the Slack layer, the jobs and the CLIs call. Implemented by the data layer
 * (src/db/sparring-service.ts), each mutating call in one transaction. Actors are named by their
 * Slack user id; who may do what is decided from the data, never from the caller.
 * Every mutating call takes an idempotency key: the same key again returns the first result and
 * writes nothing.
 */
export interface SparringService {
  programme(): Promise<ProgrammeRules | null>;
  topics(options?: { includeRetired?: boolean }): Promise<Topic[]>;
  whoIs(slackId: string): Promise<Actor | null>;
  /** Remembers the Slack locale of a known person (users.info is asked at most once a day). */
  rememberLocale(slackId: string, locale: "de" | "en", now: Date): Promise<void>;

  requestSession(actorSlackId: string, input: RequestInput, idempotencyKey: string): Promise<Result<SessionRequest>>;
  acceptRequest(actorSlackId: string, requestId: string, input: AcceptInput, idempotencyKey: string): Promise<Result<SessionRequest>>;
  declineRequest(actorSlackId: string, requestId: string, input: { reason?: string | undefined }, idempotencyKey: string): Promise<Result<SessionRequest>>;
  cancelRequest(actorSlackId: string, requestId: string, input: { reason?: string | undefined }, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** `input.reason`: a lead's correction after the fact says why (audit trail). */
  markHeld(actorSlackId: string, requestId: string, idempotencyKey: string, input?: { reason?: string | undefined }): Promise<Result<SessionRequest>>;
  markNotHeld(actorSlackId: string, requestId: string, input: { reason?: string | undefined }, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** The partner proposes a new date for a scheduled session (src/domain/reschedule.ts). */
  proposeNewDate(actorSlackId: string, requestId: string, input: AcceptInput, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** The requester's side asks the partner for a new date. */
  askNewDate(actorSlackId: string, requestId: string, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** The requester's side accepts a proposed date (the session moves) or asks for another. */
  answerProposal(actorSlackId: string, proposalId: string, answer: "accept" | "reject", idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** Expires requests unanswered for the programme's working days; returns the expired ones. */
  expireOverdue(): Promise<SessionRequest[]>;

  quotaOf(municipalityKey: string, options?: { partnerId?: string }): Promise<Quota & { partnerAssigned: boolean }>;
  partnerDirectory(filter?: { topics?: string[]; activeOnly?: boolean }): Promise<PartnerProfile[]>;
  partner(personId: string): Promise<PartnerProfile | null>;
  municipality(key: string): Promise<Municipality | null>;
  /** Every municipality, active or not, ordered by name (leads' corrections pick from it). */
  municipalities(): Promise<Municipality[]>;
  request(requestId: string): Promise<SessionRequest | null>;
  /** Who may see it is checked: contacts of its municipality, its partner, leads. */
  requestFor(actorSlackId: string, requestId: string): Promise<Result<SessionRequest>>;
  requestsOfMunicipality(municipalityKey: string): Promise<SessionRequest[]>;
  requestsOfPartner(partnerId: string): Promise<SessionRequest[]>;
  usage(period: { from: Date; to: Date }): Promise<UsageReport>;
}

export interface RequestInput {
  partnerId: string;
  topics: string[];
  question: string;
  preferredFormat: SessionFormat;
  preferredTimes: string;
  /** Defaults to 1. */
  units?: number;
}

export interface AcceptInput {
  start: Date;
  format: SessionFormat;
  meetingLink?: string | undefined;
  meetingPhone?: string | undefined;
}

export interface UsageCounts {
  held: number;
  scheduled: number;
  pending: number;
}

/** Units by state for requests created (pending) or scheduled/held inside the period. */
export interface UsageReport {
  from: Date;
  to: Date;
  totals: UsageCounts;
  byMunicipality: Array<UsageCounts & { key: string; name: string; used: number; assignedUsed: number }>;
  byPartner: Array<UsageCounts & { personId: string; name: string }>;
  byTopic: Array<UsageCounts & { key: string; labelDe: string; labelEn: string }>;
}

import type { Result } from "../refusals.ts";
import type { SessionFormat, SessionRequest } from "../types.ts";

/** What a partner does with a request addressed to them (a lead's correction uses the held/not held pair too). */
export interface PartnersPort {
  acceptRequest(actorSlackId: string, requestId: string, input: AcceptInput, idempotencyKey: string): Promise<Result<SessionRequest>>;
  declineRequest(actorSlackId: string, requestId: string, input: { reason?: string | undefined }, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** `input.reason`: a lead's correction after the fact says why (audit trail). */
  markHeld(actorSlackId: string, requestId: string, idempotencyKey: string, input?: { reason?: string | undefined }): Promise<Result<SessionRequest>>;
  markNotHeld(actorSlackId: string, requestId: string, input: { reason?: string | undefined }, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** The partner proposes a new date for a scheduled session (src/domain/reschedule.ts). */
  proposeNewDate(actorSlackId: string, requestId: string, input: AcceptInput, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** The requester's side asks the partner for a new date. */
  askNewDate(actorSlackId: string, requestId: string, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** The requester's side accepts a proposed date (the session moves) or asks for another. */
  answerProposal(actorSlackId: string, proposalId: string, answer: "accept" | "reject", idempotencyKey: string): Promise<Result<SessionRequest>>;
}

export interface AcceptInput {
  start: Date;
  format: SessionFormat;
  meetingLink?: string | undefined;
  meetingPhone?: string | undefined;
}

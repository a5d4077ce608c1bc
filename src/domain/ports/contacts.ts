import type { Result } from "../refusals.ts";
import type { SessionFormat, SessionRequest } from "../types.ts";

/**
 * What a municipality's contact does. Every mutating call takes an idempotency key: the same key
 * again returns the first result and writes nothing.
 */
export interface ContactsPort {
  requestSession(actorSlackId: string, input: RequestInput, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** Also the partner's and a lead's cancel: who may is decided from the data. */
  cancelRequest(actorSlackId: string, requestId: string, input: { reason?: string | undefined }, idempotencyKey: string): Promise<Result<SessionRequest>>;
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

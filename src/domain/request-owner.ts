import type { SessionRequest } from "./types.ts";

export interface ContactRef {
  personId: string;
  slackId: string;
}

/**
 * Who hears, as "the requester", what happens to a request (accepted, declined, cancelled,
 * expired, reminders). The municipality owns its requests and its contacts act for it (cancel
 * is theirs: `mayPerform`). So it is the requester while they are not a contact of another
 * municipality; after a lead moved the request to another municipality, that municipality's
 * contacts instead, never the person who caused the change (they already know).
 * A requester who is no contact at all any more (removed by an import) keeps hearing about
 * their own request: nobody else asked for it.
 */
export function requesterAudience(
  request: Pick<SessionRequest, "municipalityKey" | "requesterSlackId">,
  requesterContactOf: string | null,
  contacts: readonly ContactRef[],
  actorId: string | null,
): string[] {
  if (requesterContactOf === null || requesterContactOf === request.municipalityKey) {
    return request.requesterSlackId ? [request.requesterSlackId] : [];
  }
  return contacts.filter((c) => c.personId !== actorId).map((c) => c.slackId);
}

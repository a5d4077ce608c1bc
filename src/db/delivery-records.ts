import { calendarFileRecorded, calendarFileSent, recordCalendarFile, requestHistory } from "./calendar-files.ts";
import type { Prisma } from "./client.ts";
import { enqueueDeliveryLater } from "./outbox.ts";
import { laterHomePending, settlePendingHomes } from "./outbox-queue.ts";
import { rememberDmChannel, storedDmChannel } from "./dm-channels.ts";
import { forgetSlackCopy, slackCopy } from "./slack-copy.ts";
import { contactOfPerson, contactsOf, findSlackMessage, markSlackMessageHandedOver, recordPostedMessage, saveSlackMessage } from "./slack-records.ts";
import { lastCancellation } from "./last-cancellation.ts";
import { latestDateProposal, openProposal } from "./reschedule-call.ts";
import type { DeliveryRecords } from "../domain/ports/delivery-records.ts";

/** The outbox deliveries' reads and records on one database (each a single statement). */
export function deliveryRecords(prisma: Prisma): DeliveryRecords {
  return {
    contactsOf: (municipalityKey) => contactsOf(prisma, municipalityKey),
    contactOfPerson: (personId) => contactOfPerson(prisma, personId),
    findSlackMessage: (requestId, purpose) => findSlackMessage(prisma, requestId, purpose),
    saveSlackMessage: (requestId, purpose, channel, ts, personIds) => saveSlackMessage(prisma, requestId, purpose, channel, ts, personIds),
    recordPostedMessage: (message) => recordPostedMessage(prisma, message),
    markSlackMessageHandedOver: (requestId, purpose, ts) => markSlackMessageHandedOver(prisma, requestId, purpose, ts),
    slackCopy: (id) => slackCopy(prisma, id),
    forgetSlackCopy: (id) => forgetSlackCopy(prisma, id),
    queueDeliveryLater: (payload, delayMs) => enqueueDeliveryLater(prisma, payload, delayMs),
    settlePendingHomes: (slackId, upToId) => settlePendingHomes(prisma, slackId, upToId),
    laterHomePending: (slackId, afterId) => laterHomePending(prisma, slackId, afterId),
    dmChannel: (slackId) => storedDmChannel(prisma, slackId),
    rememberDmChannel: (slackId, channel) => rememberDmChannel(prisma, slackId, channel),
    lastCancellation: (request) => lastCancellation(prisma, request),
    openProposal: (requestId) => openProposal(prisma, requestId),
    latestDateProposal: (requestId) => latestDateProposal(prisma, requestId),
    requestHistory: (requestId) => requestHistory(prisma, requestId),
    calendarFileSent: (requestId, channel, outboxId) => calendarFileSent(prisma, requestId, channel, outboxId),
    calendarFileRecorded: (requestId, outboxId) => calendarFileRecorded(prisma, requestId, outboxId),
    recordCalendarFile: (file) => recordCalendarFile(prisma, file),
  };
}

import type { DirectoryChange } from "../../directory/diff-directory.ts";
import type { AdminChange, AdminRefusal, ChangedEntry } from "../admin-change.ts";
import type { RequestState } from "../types.ts";

export type ChangeProgrammeResult = { ok: true; entry: ChangedEntry } | AdminRefusal;

/** The dry run of a programme file a lead sent: refused with positions, or what it would do. */
export interface UploadDryRun {
  fileName: string;
  /** The pending upload "Apply" refers to; null when the file was refused (`errors` says why). */
  uploadId: string | null;
  errors: string[];
  changes: DirectoryChange[];
  conflicts: Array<DirectoryChange & { slackActions: string[] }>;
  erasedSkipped: string[];
}

export type ApplyUploadResult =
  | { ok: true; fileName: string }
  | { ok: false; code: "not_a_lead" | "expired" | "not_yours" }
  | { ok: false; code: "invalid"; errors: string[] };

export interface HistoryEntry {
  at: Date;
  actorName: string | null;
  from: RequestState | null;
  to: RequestState;
  reason: string | null;
}

export interface AdminLogEntry {
  at: Date;
  actorName: string | null;
  source: string;
  action: string;
  entityKind: string;
  entityKey: string;
}

/** What a partner keeps current themselves (App Home); pausedUntil is a day (YYYY-MM-DD) or null. */
export interface OwnProfile {
  organisation: string;
  topics: string[];
  methods: string[];
  formats: Array<"phone" | "video">;
  bio: string;
  pausedUntil: string | null;
}

export type UpdateProfileResult = { ok: true } | { ok: false; code: "not_a_partner" | "topic_unavailable" | "past_date" };

/**
 * The leads' administration: the port the Slack listeners use (src/db/admin-service.ts implements
 * it). Every call checks the lead role from the data; nothing here trusts the caller.
 */
export interface AdminPort {
  isLead(slackId: string): Promise<boolean>;
  change(leadSlackId: string, change: AdminChange): Promise<ChangeProgrammeResult>;
  /** The programme file as YAML with the people it names (for erasure of the sent file); null: no programme. */
  programmeFile(): Promise<{ yaml: string; personIds: string[] } | null>;
  /** Records the sent programme file with the people it names, so erasing any of them deletes it from Slack. */
  recordSentFile(channel: string, fileIds: string[], personIds: string[]): Promise<void>;
  /** Checks an uploaded file and, when it is valid, keeps it for "Apply" (24 hours). */
  checkUpload(uploaderSlackId: string, fileName: string, content: string): Promise<UploadDryRun>;
  applyUpload(slackId: string, uploadId: string): Promise<ApplyUploadResult>;
  /** Every state change of a request, oldest first; null when there is no such request. */
  history(requestId: string): Promise<HistoryEntry[] | null>;
  recentChanges(limit: number): Promise<AdminLogEntry[]>;
  /** A partner's own profile (by their Slack id); null when they have none. */
  ownProfile(slackId: string): Promise<OwnProfile | null>;
  /** A partner updates their own profile and pause; logged in the admin audit log (a later file import lists it). */
  updateOwnProfile(slackId: string, profile: OwnProfile): Promise<UpdateProfileResult>;
}

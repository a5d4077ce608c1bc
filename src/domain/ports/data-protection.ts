/** What a person may ask about their own data, and what a lead may erase (DSGVO Art. 15 and 17). */
export interface DataProtectionPort {
  /** Everything stored about the person, or null when nothing is. */
  exportPersonalData(slackId: string): Promise<object | null>;
  /** A stored, not erased person, active or deactivated by an import. */
  storedPerson(ref: PersonRef): Promise<StoredPerson | null>;
  /** `byPersonId`: who asked for it (null: the person themselves, the operator's CLI). */
  erasePerson(ref: PersonRef, byPersonId: string | null): Promise<ErasureResult>;
  /** Files the app uploaded with personal data, so erasure can delete them. */
  recordUploadedFiles(files: { purpose: string; channel: string; fileIds: string[]; personIds: string[] }): Promise<void>;
  /** Records the first showing of the privacy notice; true only the first time. */
  recordPrivacyNoticeShown(personId: string): Promise<boolean>;
}

export type PersonRef = { slackId: string } | { personId: string };

export interface StoredPerson {
  personId: string;
  name: string;
}

export interface ErasureResult {
  erased: boolean;
  /** Requests the person made whose free text was removed. */
  requests: number;
  /** Slack messages and files queued for overwrite or deletion. */
  slackCopies: number;
}

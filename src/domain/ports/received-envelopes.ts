/** Slack deliveries taken once across all replicas (src/db/received-envelopes.ts). */
export interface ReceivedEnvelopes {
  /** true for the first taker of the key, false for a re-sent copy. */
  take(key: string, now: Date): Promise<boolean>;
  /** Gives a key back (the ack could not be sent): the copy Slack re-sends then runs. */
  release(key: string): Promise<void>;
  /** Forgets old keys; returns how many went. */
  prune(now: Date): Promise<number>;
}

export interface OutboxRow {
  id: bigint;
  kind: string;
  payload: unknown;
  /** Claims so far, this one included: above 1, an earlier holder may have sent it already. */
  attempts: number;
  createdAt: Date;
  /** This claim's fencing token: only its holder may renew, finish, retry or release the row. */
  token: string;
}

/** The part of a claimed row that proves who holds it. */
export type OutboxClaim = Pick<OutboxRow, "id" | "token">;

/** The outbox as its worker sees it: leased rows, fenced by their claim token (src/db/outbox-queue.ts). */
export interface OutboxQueue {
  claim(limit: number, leaseMs: number): Promise<OutboxRow[]>;
  /** false: the row is no longer held under this claim. */
  renew(claim: OutboxClaim, leaseMs: number): Promise<boolean>;
  done(claim: OutboxClaim): Promise<boolean>;
  retryLater(claim: OutboxClaim, delayMs: number, error: string): Promise<boolean>;
  release(claims: OutboxClaim[]): Promise<void>;
  /**
   * Replaces a notice row by the deliveries it stands for and leases those to the caller (they are
   * sent next); null when the notice is no longer held.
   */
  expand(claim: OutboxClaim, deliveries: unknown[], leaseMs: number): Promise<OutboxRow[] | null>;
}

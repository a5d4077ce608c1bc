-- Fencing tokens for outbox leases and job claims (issue 9, section 4): only the current holder
-- of a lease may finish, retry or release an outbox row; an unfinished job claim can be taken over.

-- AlterTable
ALTER TABLE "outbox" ADD COLUMN     "claim_token" UUID;

-- AlterTable
ALTER TABLE "job_runs" ADD COLUMN     "claim_token" UUID;

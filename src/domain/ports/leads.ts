import type { AccountingExportFile, AccountingPeriod, CsvSink } from "../../reports/accounting-exports.ts";
import type { Overview, OverviewOptions, QuotaOverview } from "../../reports/overview.ts";
import type { Result } from "../refusals.ts";
import type { Municipality, PartnerProfile, ProgrammeRules, SessionRequest } from "../types.ts";

/**
 * What the programme's leads do: corrections, pausing partners and municipalities, the figures.
 * Every change checks the lead role from the data (a forged button changes nothing).
 */
export interface LeadsPort {
  moveRequest(leadSlackId: string, requestId: string, input: MoveInput, idempotencyKey: string): Promise<Result<SessionRequest>>;
  /** Off: no longer offered in the directory or bookable. */
  setPartnerActive(leadSlackId: string, partnerId: string, active: boolean): Promise<Result<PartnerProfile>>;
  /** Off: its contacts can no longer book; its history stays. */
  setMunicipalityActive(leadSlackId: string, key: string, active: boolean): Promise<Result<Municipality>>;
  /** What the Home tab's pause/resume and (de)activate selects offer. */
  leadToggleChoices(kind: "partner" | "municipality"): Promise<ToggleChoice[]>;
  /** The figures the lead's Home shows. */
  leadHomeCounts(programme: ProgrammeRules, now: Date): Promise<LeadHomeCounts>;
  /** `/sparring übersicht` and the weekly digest. */
  leadOverview(programme: ProgrammeRules, now: Date, options?: OverviewOptions): Promise<LeadOverviewFigures>;
  /** Writes the four accounting files, one after the other, into the sinks `open` answers (streamed: a million rows never sit in memory). */
  writeAccountingExports(programme: ProgrammeRules, period: AccountingPeriod, open: (file: AccountingExportFile) => CsvSink): Promise<void>;
  /** Everyone an accounting export may name (every partner): erasing any of them deletes the files. */
  accountingExportNames(): Promise<string[]>;
}

export interface MoveInput {
  municipalityKey?: string | undefined;
  partnerId?: string | undefined;
  reason: string;
}

export interface ToggleChoice {
  id: string;
  name: string;
  active: boolean;
  searchText: string;
}

export interface LeadHomeCounts {
  overview: QuotaOverview;
  pausedPartners: number;
  inactiveMunicipalities: number;
}

export interface LeadOverviewFigures {
  overview: Overview;
  unansweredHeld: UnansweredHeldQuestion[];
}

export interface UnansweredHeldQuestion {
  requestId: string;
  municipalityKey: string;
  municipalityName: string;
  partnerId: string;
  partnerName: string;
  scheduledStart: Date;
  heldAskedAt: Date;
}

import type { ProgrammeRules } from "./types.ts";

/** The programme's zone until a programme file is imported (the programme runs in Baden-Württemberg). */
export const defaultTimezone = "Europe/Berlin";

/** The zone every date is shown and counted in: the programme's, or the default before an import. */
export const timezoneOf = (programme: Pick<ProgrammeRules, "timezone"> | null | undefined): string =>
  programme?.timezone ?? defaultTimezone;

import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { getISODay } from "date-fns/getISODay";
import { setHours } from "date-fns/setHours";
import { setMinutes } from "date-fns/setMinutes";
import { startOfMinute } from "date-fns/startOfMinute";
import { subDays } from "date-fns/subDays";
import type { ProgrammeRules } from "../domain/types.ts";

/**
 * The digest slot that is due at `now`: this week's posting time (programme weekday and time in
 * the programme's zone) once it has passed, named by its ISO week. Until the first job claims the
 * slot it stays due, so a digest missed while the app was down is posted when it comes back.
 */
export function dueDigestSlot(programme: Pick<ProgrammeRules, "digest" | "timezone">, now: Date): string | null {
  if (!programme.digest.channel) return null;
  const [hours = 8, minutes = 0] = programme.digest.time.split(":").map(Number);
  const local = new TZDate(now, programme.timezone);
  const daysSince = (getISODay(local) - programme.digest.weekday + 7) % 7;
  const thisWeeks = startOfMinute(setMinutes(setHours(subDays(local, daysSince), hours), minutes));
  const latest = thisWeeks.getTime() <= now.getTime() ? thisWeeks : subDays(thisWeeks, 7);
  return format(latest, "RRRR-'W'II");
}

import { addCalendarDays, isoWeekday, type CalendarDay } from "./calendar-day.ts";

/**
 * The statutory public holidays of the German states, as date-holidays 3.37 lists them (type
 * "public", without regional ones such as Augsburg's Friedensfest or Fronleichnam in parts of
 * Saxony). A table instead of that package: it loads every country's rules and calendars at
 * start-up (~12 MB, ~0.4 s) for these few lines; test/domain/german-holidays.test.ts proves the
 * two agree for every state from 2000 to 2100.
 */
type State = "BW" | "BY" | "BE" | "BB" | "HB" | "HH" | "HE" | "MV" | "NI" | "NW" | "RP" | "SL" | "SN" | "ST" | "SH" | "TH";

type Rule =
  /** Fixed day of the year ("MM-DD"), from a year on. */
  | { day: string; states?: State[]; from?: number }
  /** Days after Easter Sunday (negative: before). */
  | { easter: number; states?: State[] }
  /** One year only (anniversaries). */
  | { once: CalendarDay; states?: State[] }
  /** Buß- und Bettag: the Wednesday before 23 November. */
  | { wednesdayBefore: string; states: State[] };

const fronleichnam: State[] = ["BW", "BY", "HE", "NW", "RP", "SL"];
const allerheiligen: State[] = ["BW", "BY", "NW", "RP", "SL"];

const rules: Rule[] = [
  { day: "01-01" },
  { day: "01-06", states: ["BW", "BY", "ST"] },
  { day: "03-08", states: ["BE"], from: 2019 },
  { day: "03-08", states: ["MV"], from: 2023 },
  { easter: -2 },
  { easter: 0, states: ["BB"] },
  { easter: 1 },
  { day: "05-01" },
  { easter: 39 },
  { easter: 49, states: ["BB"] },
  { easter: 50 },
  { easter: 60, states: fronleichnam },
  { day: "08-15", states: ["SL"] },
  { day: "09-20", states: ["TH"], from: 2019 },
  { day: "10-03" },
  { day: "10-31", states: ["BB", "MV", "SN", "ST", "TH"] },
  { day: "10-31", states: ["HB", "HH", "NI", "SH"], from: 2018 },
  { once: "2017-10-31" },
  { day: "11-01", states: allerheiligen },
  { wednesdayBefore: "11-23", states: ["SN"] },
  { day: "12-25" },
  { day: "12-26" },
  { once: "2020-05-08", states: ["BE"] },
  { once: "2025-05-08", states: ["BE"] },
  { once: "2028-06-17", states: ["BE"] },
];

const pad = (n: number) => String(n).padStart(2, "0");

/** Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): CalendarDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function dayOf(rule: Rule, year: number): CalendarDay | null {
  if ("once" in rule) return rule.once.startsWith(`${year}-`) ? rule.once : null;
  if ("easter" in rule) return addCalendarDays(easterSunday(year), rule.easter);
  if ("wednesdayBefore" in rule) {
    const before = `${year}-${rule.wednesdayBefore}`;
    // 3 = Wednesday; strictly before: when the 23rd is a Wednesday, it is the 16th.
    return addCalendarDays(before, -((isoWeekday(before) - 3 + 7) % 7 || 7));
  }
  return rule.from !== undefined && year < rule.from ? null : `${year}-${rule.day}`;
}

/** The public holidays of a state (e.g. "BW") in a year; an unknown state has the nationwide ones. */
export function germanPublicHolidays(state: string, year: number): Set<CalendarDay> {
  const code = state.toUpperCase();
  const days = new Set<CalendarDay>();
  for (const rule of rules) {
    if (rule.states && !(rule.states as string[]).includes(code)) continue;
    const day = dayOf(rule, year);
    if (day) days.add(day);
  }
  return days;
}

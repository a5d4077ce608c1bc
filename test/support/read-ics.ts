import ICAL from "ical.js";

/** What a calendar program reads from an .ics file: parsed with ical.js 2 (a parser that runs on Node 20). */
export interface ReadEvent {
  method: string | null;
  uid: string;
  sequence: number;
  status: string | null;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string | null;
}

export function readIcs(text: string): ReadEvent {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents("vevent");
  if (vevents.length !== 1) throw new Error(`expected one VEVENT, found ${vevents.length}`);
  const vevent = vevents[0]!;
  const event = new ICAL.Event(vevent);
  const text_ = (name: string) => {
    const value = vevent.getFirstPropertyValue(name);
    return value === null || value === undefined ? null : String(value);
  };
  return {
    method: calendar.getFirstPropertyValue("method") as string | null,
    uid: event.uid,
    sequence: event.sequence,
    status: text_("status"),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    summary: event.summary,
    description: event.description,
    location: event.location ?? null,
  };
}

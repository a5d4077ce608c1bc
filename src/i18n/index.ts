export type { Locale } from "../domain/types.ts";
export type { Messages } from "./de.ts";
export { messages, localeFromSlack, labelIn } from "./messages.ts";
export { describeRefusal } from "./describe-refusal.ts";
export { formatDateTime, formatDate, formatCalendarDay, slackDateTime, slackDate } from "./format.ts";

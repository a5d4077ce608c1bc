import type { Locale } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import { context, header, section, type Message } from "./blocks.ts";

/** `/sparring hilfe`: the commands; notes for partners and leads when the user is one. */
export function helpMessage(input: { locale: Locale; isPartner?: boolean; isLead?: boolean }): Message {
  const t = messages(input.locale).help;
  const notes = [...(input.isPartner ? [t.partnerNote] : []), ...(input.isLead ? [t.leadNote] : [])];
  return {
    text: t.fallback,
    blocks: [
      header(t.header),
      section(`${t.intro}\n${t.theme}`),
      section([t.book, t.status, t.partners, t.myData, t.erase, t.help].join("\n")),
      ...(input.isLead ? [section([`*${t.leadCommands}*`, t.overview, t.export, t.correct, t.eraseOther].join("\n"))] : []),
      ...(notes.length > 0 ? [context(...notes)] : []),
    ],
  };
}

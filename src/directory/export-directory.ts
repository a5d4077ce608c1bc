import { stringify } from "yaml";
import type { Directory } from "./directory-schema.ts";

/** The file as a lead edits it: defaults left out, so it reads like the example. */
export function directoryToYaml(directory: Directory, header: string): string {
  const compact = {
    programme: directory.programme,
    topics: directory.topics.map(({ retired, ...t }) => (retired ? { ...t, retired } : t)),
    municipalities: directory.municipalities.map(({ active, assigned_partners, ...m }) => ({
      ...m,
      ...(active ? {} : { active }),
      ...(assigned_partners.length > 0 ? { assigned_partners } : {}),
    })),
    people: directory.people.map(({ contact_of, lead, partner, ...p }) => ({
      ...p,
      ...(contact_of ? { contact_of } : {}),
      ...(lead ? { lead } : {}),
      ...(partner ? { partner: partner.active ? (({ active: _active, ...rest }) => rest)(partner) : partner } : {}),
    })),
  };
  const comment = header.split("\n").map((line) => `# ${line}`.trimEnd()).join("\n");
  return `${comment}\n${stringify(compact, { lineWidth: 0 })}`;
}

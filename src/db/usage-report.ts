import type { Database } from "./client.ts";
import { isReserving } from "./reserving-states.ts";
import { noUnits as zero, unitCountOf, unitsUsed, type UnitCounts } from "../domain/quota.ts";
import type { UsageReport } from "../domain/service.ts";

/**
 * Units per municipality, partner and topic in [from, to): held and scheduled sessions by their
 * date, pending requests by when they were made. A request about two topics counts its units for
 * each topic, so topic rows can add up to more than the totals.
 */
export async function usageReport(db: Database, period: { from: Date; to: Date }): Promise<UsageReport> {
  const { prisma } = db;
  const { from, to } = period;
  const [requests, municipalities, programmeUse, partners, topics] = await Promise.all([
    prisma.sessionRequest.findMany({
      where: {
        OR: [
          { state: { in: ["held", "scheduled"] }, scheduledStart: { gte: from, lt: to } },
          { state: "requested", createdAt: { gte: from, lt: to } },
        ],
      },
      select: { municipalityKey: true, partnerId: true, topics: true, units: true, state: true },
    }),
    prisma.municipality.findMany({ orderBy: [{ name: "asc" }, { key: "asc" }] }),
    prisma.$queryRaw<Array<{ key: string; used: number; assignedUsed: number }>>`
      SELECT municipality_key AS key, SUM(units)::int AS used,
             COALESCE(SUM(units) FILTER (WHERE counts_assigned), 0)::int AS "assignedUsed"
      FROM session_requests WHERE ${isReserving()}
      GROUP BY municipality_key`,
    prisma.partnerProfile.findMany({ include: { person: { select: { name: true } } } }),
    prisma.topic.findMany({ orderBy: [{ sortOrder: "asc" }, { key: "asc" }] }),
  ]);

  const totals = zero();
  const byMunicipality = new Map<string, UnitCounts>();
  const byPartner = new Map<string, UnitCounts>();
  const byTopic = new Map<string, UnitCounts>();
  const add = (map: Map<string, UnitCounts>, key: string, field: keyof UnitCounts, units: number) => {
    const counts = map.get(key) ?? zero();
    counts[field] += units;
    map.set(key, counts);
  };
  for (const r of requests) {
    const field = unitCountOf[r.state as keyof typeof unitCountOf];
    totals[field] += r.units;
    add(byMunicipality, r.municipalityKey, field, r.units);
    add(byPartner, r.partnerId, field, r.units);
    for (const topic of new Set(r.topics)) add(byTopic, topic, field, r.units);
  }

  const used = new Map(programmeUse.map((u) => [u.key, u]));
  const knownTopics = new Set(topics.map((t) => t.key));
  return {
    from,
    to,
    totals,
    // Every active municipality, so the lead sees who has not used the offer yet.
    byMunicipality: municipalities
      .filter((m) => m.active || byMunicipality.has(m.key) || used.has(m.key))
      .map((m) => ({
        key: m.key,
        name: m.name,
        ...(byMunicipality.get(m.key) ?? zero()),
        used: used.get(m.key)?.used ?? 0,
        assignedUsed: used.get(m.key)?.assignedUsed ?? 0,
      })),
    byPartner: partners
      .filter((p) => p.active || byPartner.has(p.personId))
      .map((p) => ({ personId: p.personId, name: p.person.name, ...(byPartner.get(p.personId) ?? zero()) }))
      .sort((a, b) => a.name.localeCompare(b.name, "de")),
    byTopic: [
      ...topics
        .filter((t) => !t.retired || unitsUsed(byTopic.get(t.key) ?? zero()) > 0)
        .map((t) => ({ key: t.key, labelDe: t.labelDe, labelEn: t.labelEn, ...(byTopic.get(t.key) ?? zero()) })),
      // Keys no longer in the catalogue still have to be accounted for.
      ...[...byTopic].filter(([key]) => !knownTopics.has(key)).map(([key, c]) => ({ key, labelDe: key, labelEn: key, ...c })),
    ],
  };
}

import type { WebClient } from "@slack/web-api";
import type { SparringService } from "../domain/service.ts";
import type { Clock, Locale, ProgrammeRules } from "../domain/types.ts";
import { appHome, type AppHomeInput, type LeadOverview } from "./views/app-home.ts";
import type { HomeView } from "./views/blocks.ts";
import { timezoneOf } from "../domain/timezone.ts";

/** Everything a person's Home tab shows, read for the roles the data gives them. */
export async function buildHome(service: SparringService, slackId: string, locale: Locale, clock: Clock): Promise<HomeView> {
  const [actor, programme, topics] = await Promise.all([service.whoIs(slackId), service.programme(), service.topics({ includeRetired: true })]);
  const timezone = timezoneOf(programme);
  const now = clock();
  if (!actor) {
    return appHome({ locale, timezone, now, topics, actor: { name: "", isContact: false, isPartner: false, isLead: false } });
  }
  const input: AppHomeInput = {
    locale,
    timezone,
    now,
    topics,
    actor: { name: actor.name, isContact: actor.contactOf !== null, isPartner: actor.isPartner, isLead: actor.isLead },
  };
  const [contact, partner, lead] = await Promise.all([
    actor.contactOf ? contactPart(service, actor.contactOf, programme) : null,
    actor.isPartner ? partnerPart(service, actor.personId, now) : null,
    actor.isLead && programme ? leadPart(service, programme, now) : null,
  ]);
  return appHome({ ...input, contact, partner, lead });
}

export async function publishHome(
  client: WebClient,
  service: SparringService,
  slackId: string,
  locale: Locale,
  clock: Clock,
): Promise<void> {
  await client.views.publish({ user_id: slackId, view: await buildHome(service, slackId, locale, clock) });
}

async function contactPart(
  service: SparringService, municipalityKey: string, programme: ProgrammeRules | null,
): Promise<NonNullable<AppHomeInput["contact"]>> {
  const [municipality, quota, requests, assigned] = await Promise.all([
    service.municipality(municipalityKey),
    service.quotaOf(municipalityKey, programme ? { rules: programme } : {}),
    service.requestsOfMunicipality(municipalityKey),
    service.assignedPartners(municipalityKey),
  ]);
  return { municipalityName: municipality?.name ?? municipalityKey, quota, requests, assignedPartners: assigned.map((p) => p.name) };
}

async function partnerPart(service: SparringService, personId: string, now: Date): Promise<NonNullable<AppHomeInput["partner"]>> {
  const requests = await service.requestsOfPartner(personId);
  return {
    openRequests: requests.filter((r) => r.state === "requested"),
    upcoming: requests
      .filter((r) => r.state === "scheduled" && r.scheduledStart && r.scheduledStart >= now)
      .sort((a, b) => (a.scheduledStart?.getTime() ?? 0) - (b.scheduledStart?.getTime() ?? 0)),
    unitsHeld: requests.filter((r) => r.state === "held").reduce((sum, r) => sum + r.units, 0),
  };
}

async function leadPart(service: SparringService, programme: ProgrammeRules, now: Date): Promise<LeadOverview> {
  const { overview, pausedPartners, inactiveMunicipalities } = await service.leadHomeCounts(programme, now);
  return {
    pausedPartners,
    inactiveMunicipalities,
    totals: overview.totals,
    nearQuota: [...overview.atQuota, ...overview.nearQuota].map((m) => ({ name: m.name, used: m.used, limit: overview.quota.limit })),
    waitingLong: overview.waiting.count,
    waitingDays: overview.waiting.workingDays,
    unused: overview.unused.length,
    // "n of N" compares like with like: municipalities that may book (unused ones are those too).
    municipalities: overview.unused.length + overview.byMunicipality.filter((m) => m.used > 0).length,
  };
}

import type { App, BlockAction, ExternalSelectAction } from "@slack/bolt";
import { setMunicipalityActive, setPartnerActive } from "../../db/corrections.ts";
import type { Locale } from "../../domain/types.ts";
import { publishHomeInBackground } from "../home-publisher.ts";
import * as ids from "../ids.ts";
import { leadActionRefusedModal, leadToggleOptions } from "../views/app-home.ts";
import type { ListenerContext } from "./context.ts";
import { guarded, type ReplyTarget } from "./reply.ts";

const partnerValue = /^(pause|resume):([0-9a-f-]{36})$/i;
// A key the database can look up: no NUL, no lone surrogate (forms/storable-text.ts).
const municipalityValue = /^(deactivate|activate):([^\u0000\p{Cs}]{1,200})$/u;

/** Why a lead action was not done, in a small modal (the Home tab has no response_url). */

/**
 * Leads pause/resume partners and (de)activate municipalities from their Home tab. The options
 * are offered to leads only, and every change is checked again from the data (setPartnerActive /
 * setMunicipalityActive refuse anyone without the lead role), so a forged action changes nothing.
 */
export function registerLeadHomeActions(app: App, ctx: ListenerContext): void {
  app.options(ids.LEAD_PARTNER_TOGGLE, async ({ ack, body }) => {
    const [actor, locale] = await Promise.all([ctx.service.whoIs(body.user.id), ctx.localeOf(body.user.id)]);
    if (!actor?.isLead) return ack({ options: [] });
    const rows = await ctx.db.prisma.partnerProfile.findMany({
      where: { person: { erasedAt: null } },
      select: { personId: true, active: true, organisation: true, person: { select: { name: true } } },
      orderBy: { person: { name: "asc" } },
    });
    await ack(
      leadToggleOptions(
        locale,
        "partner",
        rows.map((r) => ({ id: r.personId, name: r.person.name, active: r.active, searchText: r.organisation })),
        typeof body.value === "string" ? body.value : "",
      ),
    );
  });

  app.options(ids.LEAD_MUNICIPALITY_TOGGLE, async ({ ack, body }) => {
    const [actor, locale] = await Promise.all([ctx.service.whoIs(body.user.id), ctx.localeOf(body.user.id)]);
    if (!actor?.isLead) return ack({ options: [] });
    const rows = await ctx.db.prisma.municipality.findMany({ select: { key: true, name: true, active: true }, orderBy: [{ name: "asc" }, { key: "asc" }] });
    await ack(
      leadToggleOptions(
        locale,
        "municipality",
        rows.map((r) => ({ id: r.key, name: r.name, active: r.active, searchText: r.key })),
        typeof body.value === "string" ? body.value : "",
      ),
    );
  });

  const toggle = (kind: "partner" | "municipality") =>
    async ({ ack, body, client }: { ack: () => Promise<void>; body: BlockAction; client: ReplyTarget["client"] }) => {
      await ack();
      const userId = body.user.id;
      const locale = await ctx.localeOf(userId);
      const target: ReplyTarget = { client, triggerId: body.trigger_id, locale };
      await guarded(ctx.logger, target, `lead_${kind}_toggle`, async () => {
        const value = (body.actions[0] as ExternalSelectAction | undefined)?.selected_option?.value ?? "";
        let result;
        if (kind === "partner") {
          const match = partnerValue.exec(value);
          result = match
            ? await setPartnerActive(ctx.db.prisma, userId, match[2]!, match[1] === "resume")
            : ({ ok: false, code: "partner_unknown" } as const);
        } else {
          const match = municipalityValue.exec(value);
          result = match
            ? await setMunicipalityActive(ctx.db.prisma, userId, match[2]!, match[1] === "activate")
            : ({ ok: false, code: "municipality_unknown" } as const);
        }
        if (!result.ok) {
          ctx.logger.info({ listener: `lead_${kind}_toggle`, refusal: result.code }, "lead action refused");
          if (body.trigger_id) await client.views.open({ trigger_id: body.trigger_id, view: leadActionRefusedModal(locale, result) });
          return;
        }
        ctx.logger.info({ listener: `lead_${kind}_toggle`, active: "active" in result.value ? result.value.active : undefined }, "lead action done");
        ctx.notify();
        const deps = { client: ctx.background, prisma: ctx.db.prisma, service: ctx.service, clock: ctx.clock, logger: ctx.logger };
        await publishHomeInBackground(deps, userId, locale);
      });
    };
  app.action<BlockAction>(ids.LEAD_PARTNER_TOGGLE, toggle("partner"));
  app.action<BlockAction>(ids.LEAD_MUNICIPALITY_TOGGLE, toggle("municipality"));
}

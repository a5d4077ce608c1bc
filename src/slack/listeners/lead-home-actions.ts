import type { BlockAction, ExternalSelectAction } from "@slack/bolt";
import { publishHomeInBackground } from "../home-publisher.ts";
import * as ids from "../ids.ts";
import { leadToggleOptions } from "../views/app-home.ts";
import { refusalModal } from "../views/refusal-modal.ts";
import { answerOptions } from "./answer-options.ts";
import { arrivedAt } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";
import { guarded, type ReplyTarget } from "./reply.ts";

const partnerValue = /^(pause|resume):([0-9a-f-]{36})$/i;
// A key the database can look up: no NUL, no lone surrogate (forms/storable-text.ts).
const municipalityValue = /^(deactivate|activate):([^\u0000\p{Cs}]{1,200})$/u;

/**
 * Leads pause/resume partners and (de)activate municipalities from their Home tab. The options
 * are offered to leads only, and every change is checked again from the data (setPartnerActive /
 * setMunicipalityActive refuse anyone without the lead role), so a forged action changes nothing.
 */
export function registerLeadHomeActions(app: Registrar, ctx: ListenerContext): void {
  for (const [id, kind] of [[ids.LEAD_PARTNER_TOGGLE, "partner"], [ids.LEAD_MUNICIPALITY_TOGGLE, "municipality"]] as const) {
    app.options(id, async ({ ack, body, context }) =>
      answerOptions(ctx, ack, arrivedAt(context), async () => {
        const [actor, locale] = await Promise.all([ctx.service.whoIs(body.user.id), ctx.localeOf(body.user.id)]);
        if (!actor?.isLead) return { options: [] };
        const choices = await ctx.service.leadToggleChoices(kind);
        return leadToggleOptions(locale, kind, choices, typeof body.value === "string" ? body.value : "");
      }),
    );
  }

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
            ? await ctx.service.setPartnerActive(userId, match[2]!, match[1] === "resume")
            : ({ ok: false, code: "partner_unknown" } as const);
        } else {
          const match = municipalityValue.exec(value);
          result = match
            ? await ctx.service.setMunicipalityActive(userId, match[2]!, match[1] === "activate")
            : ({ ok: false, code: "municipality_unknown" } as const);
        }
        if (!result.ok) {
          ctx.logger.info({ listener: `lead_${kind}_toggle`, refusal: result.code }, "lead action refused");
          if (body.trigger_id) await client.views.open({ trigger_id: body.trigger_id, view: refusalModal({ locale, refusal: result, of: "leadAction" }) });
          return;
        }
        ctx.logger.info({ listener: `lead_${kind}_toggle`, active: "active" in result.value ? result.value.active : undefined }, "lead action done");
        ctx.notify();
        const deps = { client: ctx.background, deliveries: ctx.deliveries, service: ctx.service, clock: ctx.clock, logger: ctx.logger };
        await publishHomeInBackground(deps, userId, locale);
      });
    };
  app.action<BlockAction>(ids.LEAD_PARTNER_TOGGLE, toggle("partner"));
  app.action<BlockAction>(ids.LEAD_MUNICIPALITY_TOGGLE, toggle("municipality"));
}

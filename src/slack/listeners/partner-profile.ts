import type { BlockAction } from "@slack/bolt";
import type { UpdateProfileResult } from "../../domain/ports/admin.ts";
import { messages } from "../../i18n/index.ts";
import { partnerProfileFormReader } from "../forms/partner-profile-form.ts";
import * as ids from "../ids.ts";
import { messageModal } from "../views/message-modal.ts";
import { partnerProfileModal } from "../views/partner-profile-modal.ts";
import { submissionListener } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";
import { guarded } from "./reply.ts";

/** Where a refused profile change is answered, and with which text. */
const profileRefusals: Record<Extract<UpdateProfileResult, { ok: false }>["code"], [block: string, text: "pastDate" | "topicRetired" | "notPartner"]> = {
  past_date: [ids.PROFILE_PAUSED_BLOCK, "pastDate"],
  topic_unavailable: [ids.ADMIN_TOPICS_BLOCK, "topicRetired"],
  not_a_partner: [ids.ADMIN_TOPICS_BLOCK, "notPartner"],
};

/** Partners keep their own profile current and pause themselves, from their App Home. Whose profile: the clicker's, from the data. */
export function registerPartnerProfile(app: Registrar, ctx: ListenerContext): void {
  app.action<BlockAction>(ids.PARTNER_EDIT_PROFILE, async ({ ack, body, client }) => {
    await ack();
    const locale = await ctx.localeOf(body.user.id);
    await guarded(ctx.logger, { client, locale }, "partner_edit_profile", async () => {
      const [profile, topics] = await Promise.all([ctx.admin.ownProfile(body.user.id), ctx.service.topics()]);
      const p = messages(locale).profile;
      const view = profile
        ? partnerProfileModal({ locale, profile, topics })
        : messageModal({ locale, callbackId: ids.PARTNER_PROFILE_MODAL, title: p.title, icon: ":information_source:", text: p.notPartner });
      await client.views.open({ trigger_id: body.trigger_id, view });
    });
  });

  app.view(ids.PARTNER_PROFILE_MODAL, submissionListener(ctx, partnerProfileFormReader, {
    run: (profile, userId) => ctx.admin.updateOwnProfile(userId, profile),
    refused: (refusal, locale) => {
      const [block, text] = profileRefusals[refusal.code];
      return { response_action: "errors", errors: { [block]: messages(locale).profile[text] } };
    },
    onOk: (_done, locale) => {
      const p = messages(locale).profile;
      return { response_action: "update", view: messageModal({ locale, callbackId: ids.PARTNER_PROFILE_MODAL, title: p.title, icon: ":white_check_mark:", text: p.done }) };
    },
  }));
}

import type { BlockAction } from "@slack/bolt";
import { messages } from "../../i18n/index.ts";
import { safeError } from "../../logger.ts";
import { readPartnerProfileForm } from "../forms/partner-profile-form.ts";
import * as ids from "../ids.ts";
import { messageModal } from "../views/message-modal.ts";
import { partnerProfileModal } from "../views/partner-profile-modal.ts";
import { readFormOrAnswer, type ViewAck } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";
import { guarded } from "./reply.ts";

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

  app.view(ids.PARTNER_PROFILE_MODAL, async ({ ack, body, view }) => {
    const locale = await ctx.localeOf(body.user.id);
    const p = messages(locale).profile;
    const profile = await readFormOrAnswer(ack as ViewAck, locale, view.state.values, readPartnerProfileForm, { block: ids.ADMIN_TOPICS_BLOCK, key: "chooseTopic" });
    if (!profile) return;
    try {
      const result = await ctx.admin.updateOwnProfile(body.user.id, profile);
      if (!result.ok) {
        const [block, text] =
          result.code === "past_date" ? [ids.PROFILE_PAUSED_BLOCK, p.pastDate] : result.code === "topic_unavailable" ? [ids.ADMIN_TOPICS_BLOCK, p.topicRetired] : [ids.ADMIN_TOPICS_BLOCK, p.notPartner];
        await ack({ response_action: "errors", errors: { [block]: text } });
        return;
      }
      await ack({ response_action: "update", view: messageModal({ locale, callbackId: ids.PARTNER_PROFILE_MODAL, title: p.title, icon: ":white_check_mark:", text: p.done }) });
      ctx.notify();
    } catch (error) {
      ctx.logger.error({ listener: "partner_profile", err: safeError(error) }, "profile update failed");
      await ack({ response_action: "errors", errors: { [ids.ADMIN_TOPICS_BLOCK]: messages(locale).validation.tryAgain } });
    }
  });
}

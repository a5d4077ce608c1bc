import type { BlockAction } from "@slack/bolt";
import type { Registrar } from "./registrar.ts";
import { messages } from "../../i18n/index.ts";
import { insights } from "../../i18n/insights.ts";
import { renderUsageChart, usageChartData } from "../../reports/usage-chart.ts";
import { sendFilesToDm } from "../dm-files.ts";
import * as ids from "../ids.ts";
import { textMessage } from "../views/privacy-messages.ts";
import type { ListenerContext } from "./context.ts";
import { guarded, replyEphemeral, type ReplyTarget } from "./reply.ts";

/** "Diagramm senden": the usage chart, from the same figures as the overview, as a PNG in the lead's DM. */
export function registerChart(app: Registrar, ctx: ListenerContext): void {
  app.action<BlockAction>(ids.CHART_SEND, async ({ ack, body, client, respond }) => {
    await ack();
    const locale = await ctx.localeOf(body.user.id);
    const target: ReplyTarget = { respond: body.response_url ? respond : undefined, client, triggerId: body.trigger_id, locale };
    await guarded(ctx.logger, target, "chart_send", async () => {
      const actor = await ctx.service.whoIs(body.user.id);
      // The lead role from the data: the button can be forged.
      if (!actor?.isLead) return replyEphemeral(target, textMessage(messages(locale).overview.leadsOnly));
      const programme = await ctx.service.programme();
      if (!programme) return;
      const { overview } = await ctx.service.leadOverview(programme, ctx.clock());
      const chart = await renderUsageChart(usageChartData(overview, programme));
      const c = insights(locale).chart;
      await sendFilesToDm(ctx.background, body.user.id, [{ filename: "sparring-nutzung.png", content: chart.png, title: c.title, altText: chart.altText }], c.title);
      await replyEphemeral(target, textMessage(c.sent));
    });
  });
}

// The baseline of `npm run bench`: a bare Bolt app that acks /sparring and opens a one-block modal,
// nothing else, run with plain `node` (no TypeScript loader), against the bench's fake Slack.
// Environment: PORT, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL.
import bolt from "@slack/bolt";

const { App, HTTPReceiver } = bolt;
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver: new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? "" }),
  botId: "B0SPARRING",
  botUserId: "U0SPARRING",
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});

app.command("/sparring", async ({ ack, command, client }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: {
      type: "modal",
      callback_id: "booking_modal",
      title: { type: "plain_text", text: "Sparring" },
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Hallo" } }],
    },
  });
});

await app.start(Number(process.env.PORT ?? 3000));
process.on("SIGTERM", () => void app.stop().finally(() => process.exit(0)));

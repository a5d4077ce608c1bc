import type { WebClient } from "@slack/web-api";

/**
 * Sends files to a person's DM with the app through Slack's external upload flow
 * (files.getUploadURLExternal → upload → files.completeUploadExternal, wrapped by filesUploadV2).
 */
export async function sendFilesToDm(
  client: WebClient,
  slackId: string,
  files: Array<{ filename: string; content: string }>,
  comment: string,
): Promise<void> {
  const opened = await client.conversations.open({ users: slackId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  await client.filesUploadV2({
    channel_id: channel,
    initial_comment: comment,
    file_uploads: files.map((f) => ({ file: Buffer.from(f.content, "utf8"), filename: f.filename })),
  });
}

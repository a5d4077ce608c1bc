import type { WebClient } from "@slack/web-api";

/**
 * Sends files to a person's DM with the app through Slack's external upload flow
 * (files.getUploadURLExternal → upload → files.completeUploadExternal, wrapped by filesUploadV2).
 * Answers the DM channel and the ids of the files, so the caller can record them for erasure.
 */
export async function sendFilesToDm(
  client: WebClient,
  slackId: string,
  files: Array<{ filename: string; content: string }>,
  comment: string,
): Promise<{ channel: string; fileIds: string[] }> {
  const opened = await client.conversations.open({ users: slackId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  const uploaded = await client.filesUploadV2({
    channel_id: channel,
    initial_comment: comment,
    file_uploads: files.map((f) => ({ file: Buffer.from(f.content, "utf8"), filename: f.filename })),
  });
  const fileIds = (uploaded.files ?? []).flatMap((completed) => (completed.files ?? []).flatMap((f) => (f.id ? [f.id] : [])));
  return { channel, fileIds };
}

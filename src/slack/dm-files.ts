import type { WebClient } from "@slack/web-api";
import { withRetryAfter } from "./rate-limit.ts";

/**
 * Sends files to a person's DM with the app through Slack's external upload flow
 * (files.getUploadURLExternal → upload → files.completeUploadExternal, wrapped by filesUploadV2).
 * `client` is the background client: a rate-limited step is tried again after its Retry-After,
 * without pausing the interactive calls of everyone else (rate-limit.ts).
 */
export async function sendFilesToDm(
  client: WebClient,
  slackId: string,
  files: Array<{ filename: string; content: string }>,
  comment: string,
): Promise<void> {
  const opened = await withRetryAfter(() => client.conversations.open({ users: slackId }));
  const channel = opened.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  await withRetryAfter(() =>
    client.filesUploadV2({
      channel_id: channel,
      initial_comment: comment,
      file_uploads: files.map((f) => ({ file: Buffer.from(f.content, "utf8"), filename: f.filename })),
    }),
  );
}

import type { WebClient } from "@slack/web-api";
import { withRetryAfter } from "./rate-limit.ts";

/**
 * Sends files to a person's DM with the app through Slack's external upload flow
 * (files.getUploadURLExternal → upload → files.completeUploadExternal, wrapped by filesUploadV2).
 * `client` is the background client: a rate-limited step is tried again after its Retry-After,
 * without pausing the interactive calls of everyone else (rate-limit.ts).
 * Answers the DM channel and the ids of the files, so the caller can record them for erasure.
 */
export async function sendFilesToDm(
  client: WebClient,
  slackId: string,
  files: Array<{ filename: string; content: string | Buffer; title?: string; altText?: string }>,
  comment: string,
): Promise<{ channel: string; fileIds: string[] }> {
  const opened = await withRetryAfter(() => client.conversations.open({ users: slackId }));
  const channel = opened.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  const uploaded = await withRetryAfter(() =>
    client.filesUploadV2({
      channel_id: channel,
      initial_comment: comment,
      file_uploads: files.map((f) => ({
        file: typeof f.content === "string" ? Buffer.from(f.content, "utf8") : f.content,
        filename: f.filename,
        ...(f.title ? { title: f.title } : {}),
        ...(f.altText ? { alt_text: f.altText } : {}),
      })),
    }),
  );
  const fileIds = (uploaded.files ?? []).flatMap((completed) => (completed.files ?? []).flatMap((f) => (f.id ? [f.id] : [])));
  return { channel, fileIds };
}

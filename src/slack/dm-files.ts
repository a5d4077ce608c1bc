import type { WebClient } from "@slack/web-api";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { pipeline } from "node:stream/promises";
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
  const channel = await openDm(client, slackId);
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

/** A file on disk: uploaded from a read stream, never held in memory as a whole. */
export interface FileOnDisk {
  filename: string;
  path: string;
}

/**
 * The same upload flow as sendFilesToDm, step by step, for files too large to hold in memory
 * (filesUploadV2 reads a stream into one Buffer first: a million-row export would be ~200 MB).
 * Each file is posted from disk with its length; the files appear together in one message.
 */
export async function sendFilesOnDiskToDm(
  client: WebClient,
  slackId: string,
  files: FileOnDisk[],
  comment: string,
): Promise<{ channel: string; fileIds: string[] }> {
  const channel = await openDm(client, slackId);
  const uploaded: Array<{ id: string; title: string }> = [];
  for (const file of files) {
    const { size } = await stat(file.path);
    const target = await withRetryAfter(() => client.files.getUploadURLExternal({ filename: file.filename, length: size }));
    if (!target.upload_url || !target.file_id) throw new Error("files.getUploadURLExternal returned no upload URL");
    await postFile(target.upload_url, file.path, size, client.token);
    uploaded.push({ id: target.file_id, title: file.filename });
  }
  const [first, ...rest] = uploaded;
  if (!first) return { channel, fileIds: [] };
  await withRetryAfter(() => client.files.completeUploadExternal({ files: [first, ...rest], channel_id: channel, initial_comment: comment }));
  return { channel, fileIds: uploaded.map((f) => f.id) };
}

async function openDm(client: WebClient, slackId: string): Promise<string> {
  const opened = await withRetryAfter(() => client.conversations.open({ users: slackId }));
  const channel = opened.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  return channel;
}

/** POSTs the file's bytes to Slack's upload URL as they are read (as filesUploadV2 does, with the bot token). */
async function postFile(url: string, file: string, size: number, token: string | undefined): Promise<void> {
  const request = (url.startsWith("https:") ? https : http).request(url, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream", "Content-Length": size, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once("response", resolve);
    request.once("error", reject);
  });
  await pipeline(createReadStream(file), request);
  const response = await answered;
  response.resume();
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) throw new Error(`file upload answered HTTP ${status}`);
}

import type { WebClient } from "@slack/web-api";
import { withRetryAfter } from "./rate-limit.ts";

/** A programme file is a few hundred kB at most; anything bigger is refused before it is read. */
export const maxProgrammeFileBytes = 2 * 1024 * 1024;

export type DownloadedFile =
  | { ok: true; name: string; text: string }
  | { ok: false; reason: "not_yaml" | "too_large" | "unreadable" };

/**
 * A file a person shared with the app: its name and size from files.info (scope files:read), then
 * its bytes from url_private_download, which Slack serves only with the bot token as a bearer token.
 */
export async function downloadSharedFile(client: WebClient, fileId: string, timeoutMs = 10_000): Promise<DownloadedFile> {
  const info = await withRetryAfter(() => client.files.info({ file: fileId }));
  const file = info.file;
  const name = file?.name ?? "";
  if (!/\.ya?ml$/i.test(name)) return { ok: false, reason: "not_yaml" };
  if ((file?.size ?? 0) > maxProgrammeFileBytes) return { ok: false, reason: "too_large" };
  const url = file?.url_private_download ?? file?.url_private;
  if (!url) return { ok: false, reason: "unreadable" };
  const response = await fetch(url, { headers: { Authorization: `Bearer ${client.token ?? ""}` }, signal: AbortSignal.timeout(timeoutMs) });
  // Without a valid token Slack answers 200 with its login page: only a text body is a file.
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || type.startsWith("text/html")) return { ok: false, reason: "unreadable" };
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > maxProgrammeFileBytes) return { ok: false, reason: "too_large" };
  return { ok: true, name, text: bytes.toString("utf8").replace(/^\uFEFF/, "") };
}

import { z } from "zod";
import type { OwnProfile } from "../../domain/ports/admin.ts";
import * as ids from "../ids.ts";
import { collectErrors, type FormReader, type FormResult } from "./form-result.ts";
import { selectedValues, textValue, type ViewState } from "./view-state.ts";
import { storableText, unstorableKey } from "./storable-text.ts";

const schema = z.object({
  organisation: z.string().max(200, "tooLong").regex(storableText, unstorableKey),
  topics: z.array(z.string().min(1).max(150)).min(1, "chooseTopic"),
  formats: z.array(z.enum(["phone", "video"])).min(1, "chooseFormat"),
  methods: z.string().max(500, "tooLong").regex(storableText, unstorableKey),
  bio: z.string().max(1000, "tooLong").regex(storableText, unstorableKey),
  pausedUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "required").nullable(),
});

const fieldBlocks = {
  organisation: ids.ADMIN_ORGANISATION_BLOCK,
  topics: ids.ADMIN_TOPICS_BLOCK,
  formats: ids.ADMIN_FORMATS_BLOCK,
  methods: ids.ADMIN_METHODS_BLOCK,
  bio: ids.ADMIN_BIO_BLOCK,
  pausedUntil: ids.PROFILE_PAUSED_BLOCK,
};

export function readPartnerProfileForm(state: ViewState): FormResult<OwnProfile> {
  const picked = (state[ids.PROFILE_PAUSED_BLOCK]?.[ids.PROFILE_PAUSED] as Record<string, unknown> | undefined)?.["selected_date"];
  const parsed = schema.safeParse({
    organisation: textValue(state, ids.ADMIN_ORGANISATION_BLOCK, ids.ADMIN_ORGANISATION),
    topics: selectedValues(state, ids.ADMIN_TOPICS_BLOCK, ids.ADMIN_TOPICS),
    formats: selectedValues(state, ids.ADMIN_FORMATS_BLOCK, ids.ADMIN_FORMATS),
    methods: textValue(state, ids.ADMIN_METHODS_BLOCK, ids.ADMIN_METHODS),
    bio: textValue(state, ids.ADMIN_BIO_BLOCK, ids.ADMIN_BIO),
    pausedUntil: typeof picked === "string" && picked !== "" ? picked : null,
  });
  if (!parsed.success) return { ok: false, errors: collectErrors(parsed.error, fieldBlocks) };
  const methods = parsed.data.methods.split(",").map((m) => m.trim()).filter(Boolean);
  return { ok: true, value: { ...parsed.data, methods } };
}

export const partnerProfileFormReader: FormReader<OwnProfile> = { read: readPartnerProfileForm, block: ids.ADMIN_TOPICS_BLOCK, emptyKey: "chooseTopic" };

import { z } from "zod";
import type { FeedbackInput } from "../../domain/feedback.ts";
import * as ids from "../ids.ts";
import { collectErrors, type FormReader, type FormResult } from "./form-result.ts";
import { storableText, unstorableKey } from "./storable-text.ts";
import { selectedValue, textValue, type ViewState } from "./view-state.ts";
import { formLimits } from "./form-limits.ts";


const feedbackSchema = z.object({
  usefulness: z.enum(["1", "2", "3", "4", "5"], { message: "required" }),
  recommend: z.enum(["yes", "no"], { message: "required" }),
  comment: z.string().max(formLimits.feedbackComment, "tooLong").regex(storableText, unstorableKey),
});

/** The feedback modal's values: a rating 1–5 and yes/no are required, the comment is optional. */
export function readFeedbackForm(state: ViewState): FormResult<FeedbackInput> {
  const parsed = feedbackSchema.safeParse({
    usefulness: selectedValue(state, ids.FEEDBACK_USEFULNESS_BLOCK, ids.FEEDBACK_USEFULNESS),
    recommend: selectedValue(state, ids.FEEDBACK_RECOMMEND_BLOCK, ids.FEEDBACK_RECOMMEND),
    comment: textValue(state, ids.FEEDBACK_COMMENT_BLOCK, ids.FEEDBACK_COMMENT),
  });
  if (!parsed.success) {
    return {
      ok: false,
      errors: collectErrors(parsed.error, { usefulness: ids.FEEDBACK_USEFULNESS_BLOCK, recommend: ids.FEEDBACK_RECOMMEND_BLOCK, comment: ids.FEEDBACK_COMMENT_BLOCK }),
    };
  }
  const { usefulness, recommend, comment } = parsed.data;
  return { ok: true, value: { usefulness: Number(usefulness), wouldRecommend: recommend === "yes", comment: comment || null } };
}

export const feedbackFormReader: FormReader<FeedbackInput> = { read: readFeedbackForm, block: ids.FEEDBACK_USEFULNESS_BLOCK, emptyKey: "required" };

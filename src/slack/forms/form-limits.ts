/**
 * How many characters each typed field may hold. The modal's `max_length` and the form's zod
 * check both read these, so Slack stops the typing exactly where the server would refuse.
 * (`url_text_input` has no `max_length`: the meeting link is checked on the server only.)
 */
export const formLimits = {
  question: 2000,
  preferredTimes: 500,
  declineReason: 500,
  correctionReason: 500,
  cancelReason: 500,
  meetingLink: 500,
  meetingPhone: 40,
  feedbackComment: 1000,
} as const;

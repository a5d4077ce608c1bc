/**
 * Every callback_id, action_id and block_id the app's views use (Slack limit: 255 chars each).
 * Button values carry a request id (uuid) or a partner's person id, never more.
 */

// Modals (callback_id).
export const BOOKING_MODAL = "booking_modal";
export const REFUSAL_MODAL = "refusal_modal";
export const BOOKING_SENT_MODAL = "booking_sent_modal";
export const ACCEPT_MODAL = "accept_modal";
export const DECLINE_MODAL = "decline_modal";

// Buttons and selects that trigger block_actions (action_id).
/** Opens the booking modal; value = partner person id to preselect, or absent. */
export const OPEN_BOOKING = "open_booking";
/** Accept/decline buttons in the partner's DM and Home; value = request id. They open the modals below. */
export const ACCEPT_REQUEST = "accept_request";
export const DECLINE_REQUEST = "decline_request";
/** Cancel button (with a confirm dialog) in status and Home; value = request id. */
export const CANCEL_REQUEST = "cancel_request";
/** Held question in the partner's DM; value = request id. */
export const MARK_HELD = "mark_held";
export const MARK_NOT_HELD = "mark_not_held";
/** Erasure after the confirm dialog; value = person id to erase (a lead) or "me". */
export const ERASE_PERSON = "erase_person";
/**
 * Lead actions on the Home tab: external_selects (options from block_suggestion, filtered by the
 * typed query) with a confirm dialog. Option values: "pause:<personId>" / "resume:<personId>",
 * "deactivate:<municipality key>" / "activate:<municipality key>". The lead role is checked from the data.
 */
export const LEAD_PARTNER_TOGGLE = "lead_partner_toggle";
export const LEAD_MUNICIPALITY_TOGGLE = "lead_municipality_toggle";
export const LEAD_MANAGE_BLOCK = "lead_manage";

// Booking modal inputs (block_id / action_id). Topics and partner use dispatch_action: changes arrive as block_actions.
export const REFUSAL_BLOCK = "refusal";
export const BOOKING_QUOTA_BLOCK = "booking_quota";
export const BOOKING_THEME_BLOCK = "booking_theme";
export const BOOKING_PARTNER_FORMATS_BLOCK = "booking_partner_formats";
export const BOOKING_TOPICS_BLOCK = "booking_topics_block";
export const BOOKING_TOPICS = "booking_topics";
export const BOOKING_PARTNER_BLOCK = "booking_partner_block";
/** static_select up to 100 partners, external_select beyond (block_suggestion with this action_id). */
export const BOOKING_PARTNER = "booking_partner";
export const BOOKING_QUESTION_BLOCK = "booking_question_block";
export const BOOKING_QUESTION = "booking_question";
export const BOOKING_FORMAT_BLOCK = "booking_format_block";
export const BOOKING_FORMAT = "booking_format";
export const BOOKING_TIMES_BLOCK = "booking_times_block";
export const BOOKING_TIMES = "booking_times";

// Accept modal inputs (private_metadata = request id).
export const ACCEPT_START_BLOCK = "accept_start_block";
export const ACCEPT_START = "accept_start";
export const ACCEPT_FORMAT_BLOCK = "accept_format_block";
export const ACCEPT_FORMAT = "accept_format";
export const ACCEPT_LINK_BLOCK = "accept_link_block";
export const ACCEPT_LINK = "accept_link";
export const ACCEPT_PHONE_BLOCK = "accept_phone_block";
export const ACCEPT_PHONE = "accept_phone";

// Decline modal input (private_metadata = request id).
export const DECLINE_REASON_BLOCK = "decline_reason_block";
export const DECLINE_REASON = "decline_reason";

/** Input block ids the listener may name in `response_action: "errors"`. */
export const inputBlocks = {
  booking: {
    topics: BOOKING_TOPICS_BLOCK,
    partner: BOOKING_PARTNER_BLOCK,
    question: BOOKING_QUESTION_BLOCK,
    format: BOOKING_FORMAT_BLOCK,
    times: BOOKING_TIMES_BLOCK,
  },
  accept: { start: ACCEPT_START_BLOCK, format: ACCEPT_FORMAT_BLOCK, link: ACCEPT_LINK_BLOCK, phone: ACCEPT_PHONE_BLOCK },
  decline: { reason: DECLINE_REASON_BLOCK },
} as const;

// Lead correction modal (`/sparring korrektur <id>`; private_metadata = request id).
export const CORRECTION_MODAL = "correction_modal";
export const CORRECTION_ACTION_BLOCK = "correction_action_block";
export const CORRECTION_ACTION = "correction_action";
export const CORRECTION_MUNICIPALITY_BLOCK = "correction_municipality_block";
/** external_select: options by block_suggestion (500 municipalities do not fit a static select). */
export const CORRECTION_MUNICIPALITY = "correction_municipality";
export const CORRECTION_PARTNER_BLOCK = "correction_partner_block";
export const CORRECTION_PARTNER = "correction_partner";
export const CORRECTION_REASON_BLOCK = "correction_reason_block";
export const CORRECTION_REASON = "correction_reason";
/** "Verlauf ansehen" in the correction modal; value = request id. Pushes the history modal (leads only). */
export const CORRECTION_HISTORY = "correction_history";

// Rescheduling and a partner's cancel (src/slack/listeners/reschedule-actions.ts).
/** Partner: opens the new-date modal; value = request id. */
export const PROPOSE_NEW_DATE = "propose_new_date";
/** Partner: opens the cancel-with-reason modal; value = request id. */
export const PARTNER_CANCEL = "partner_cancel";
/** Requester's side: asks the partner for a new date; value = request id. */
export const ASK_NEW_DATE = "ask_new_date";
/** Requester's side: answers a proposed date; value = proposal id. */
export const ACCEPT_PROPOSAL = "accept_proposal";
export const REJECT_PROPOSAL = "reject_proposal";
/** New-date modal (the accept modal's inputs; private_metadata = request id). */
export const RESCHEDULE_MODAL = "reschedule_modal";
/** Partner's cancel modal (private_metadata = request id). */
export const PARTNER_CANCEL_MODAL = "partner_cancel_modal";
export const PARTNER_CANCEL_REASON_BLOCK = "partner_cancel_reason_block";
export const PARTNER_CANCEL_REASON = "partner_cancel_reason";

// Administration (`/sparring verwaltung`, leads only; checked from the data on every step).
/** Buttons of the administration menu; value = the form (AdminFormKind). They open ADMIN_MODAL. */
export const ADMIN_OPEN_FORM = "admin_open_form";
/** Sends the current programme file (YAML) to the lead's DM. */
export const ADMIN_DOWNLOAD = "admin_download";
/** The form modal; private_metadata = the form (AdminFormKind). */
export const ADMIN_MODAL = "admin_modal";
export const ADMIN_USER_BLOCK = "admin_user_block";
export const ADMIN_USER = "admin_user";
export const ADMIN_NAME_BLOCK = "admin_name_block";
export const ADMIN_NAME = "admin_name";
export const ADMIN_MUNICIPALITY_BLOCK = "admin_municipality_block";
/** external_select (block_suggestion): 500 municipalities do not fit a static select. */
export const ADMIN_MUNICIPALITY = "admin_municipality";
export const ADMIN_MODE_BLOCK = "admin_mode_block";
export const ADMIN_MODE = "admin_mode";
export const ADMIN_TOPICS_BLOCK = "admin_topics_block";
export const ADMIN_TOPICS = "admin_topics";
export const ADMIN_FORMATS_BLOCK = "admin_formats_block";
export const ADMIN_FORMATS = "admin_formats";
export const ADMIN_ORGANISATION_BLOCK = "admin_organisation_block";
export const ADMIN_ORGANISATION = "admin_organisation";
export const ADMIN_METHODS_BLOCK = "admin_methods_block";
export const ADMIN_METHODS = "admin_methods";
export const ADMIN_BIO_BLOCK = "admin_bio_block";
export const ADMIN_BIO = "admin_bio";
export const ADMIN_KEY_BLOCK = "admin_key_block";
export const ADMIN_KEY = "admin_key";
export const ADMIN_LABEL_DE_BLOCK = "admin_label_de_block";
export const ADMIN_LABEL_DE = "admin_label_de";
export const ADMIN_LABEL_EN_BLOCK = "admin_label_en_block";
export const ADMIN_LABEL_EN = "admin_label_en";
export const ADMIN_TOPIC_BLOCK = "admin_topic_block";
export const ADMIN_TOPIC = "admin_topic";
export const ADMIN_CHANNEL_BLOCK = "admin_channel_block";
export const ADMIN_CHANNEL = "admin_channel";
export const ADMIN_WEEKDAY_BLOCK = "admin_weekday_block";
export const ADMIN_WEEKDAY = "admin_weekday";
export const ADMIN_TIME_BLOCK = "admin_time_block";
export const ADMIN_TIME = "admin_time";
// Reminder settings (programme file `reminders:`); left empty: unchanged.
export const ADMIN_BEFORE_MINUTES_BLOCK = "admin_before_minutes_block";
export const ADMIN_BEFORE_MINUTES = "admin_before_minutes";
export const ADMIN_UNANSWERED_DAYS_BLOCK = "admin_unanswered_days_block";
export const ADMIN_UNANSWERED_DAYS = "admin_unanswered_days";
export const ADMIN_EXPIRY_WARNING_DAYS_BLOCK = "admin_expiry_warning_days_block";
export const ADMIN_EXPIRY_WARNING_DAYS = "admin_expiry_warning_days";
/** "Apply" under the dry run of an uploaded programme file; value = pending upload id. Uploader only, 24 hours. */
export const ADMIN_APPLY_UPLOAD = "admin_apply_upload";
// Feedback after a held session (private_metadata = request id). The button's value is the request id.
export const FEEDBACK_OPEN = "feedback_open";
export const FEEDBACK_MODAL = "feedback_modal";
export const FEEDBACK_USEFULNESS_BLOCK = "feedback_usefulness_block";
export const FEEDBACK_USEFULNESS = "feedback_usefulness";
export const FEEDBACK_RECOMMEND_BLOCK = "feedback_recommend_block";
export const FEEDBACK_RECOMMEND = "feedback_recommend";
export const FEEDBACK_COMMENT_BLOCK = "feedback_comment_block";
export const FEEDBACK_COMMENT = "feedback_comment";

// Partner self-service (App Home): the partner's own profile and pause.
/** "Profil bearbeiten" on the partner's Home; opens PARTNER_PROFILE_MODAL. The profile is the clicker's own, read from the data. */
export const PARTNER_EDIT_PROFILE = "partner_edit_profile";
export const PARTNER_PROFILE_MODAL = "partner_profile_modal";
export const PROFILE_PAUSED_BLOCK = "profile_paused_block";
export const PROFILE_PAUSED = "profile_paused";

/** "Diagramm senden" under the leads' overview (an ephemeral reply cannot carry a file): the chart to the lead's DM. */
export const CHART_SEND = "chart_send";
export const NUDGE_OPT_OUT = "nudge_opt_out";

/**
 * Walks a message, a view or a list of blocks and reports every Block Kit limit it breaks
 * (api.slack.com/reference/block-kit, as src/slack/views/blocks.ts `limits`). Strict where the docs disagree (option value <= 75).
 */
export type Surface = "message" | "modal" | "home";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function slackLimitProblems(subject: unknown, surface?: Surface): string[] {
  const problems: string[] = [];
  const report = (path: string, message: string) => problems.push(`${path}: ${message}`);

  let blocks: unknown[];
  let kind: Surface;
  if (Array.isArray(subject)) {
    blocks = subject;
    kind = surface ?? "message";
  } else if (isObject(subject) && (subject.type === "modal" || subject.type === "home")) {
    kind = subject.type;
    blocks = asArray(subject.blocks);
    checkView(subject, report);
  } else if (isObject(subject)) {
    kind = surface ?? "message";
    blocks = asArray(subject.blocks);
    const text = subject.text;
    if (typeof text !== "string" || text.trim() === "") report("text", "a message needs a non-empty fallback text");
    else if (text.length > 4000) report("text", `fallback text is ${text.length} chars (> 4000)`);
  } else {
    return ["subject: not a message, view or block list"];
  }

  const maxBlocks = kind === "message" ? 50 : 100;
  if (blocks.length > maxBlocks) report("blocks", `${blocks.length} blocks (> ${maxBlocks} for a ${kind})`);
  if (blocks.length === 0 && kind !== "message") report("blocks", "no blocks");
  if (kind === "modal" && blocks.some((b) => isObject(b) && b.type === "input") && isObject(subject) && !("submit" in subject)) {
    report("submit", "a modal with input blocks needs a submit label");
  }
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => checkBlock(block, `blocks[${index}]`, blockIds, report));

  const bytes = Buffer.byteLength(JSON.stringify(subject), "utf8");
  if (bytes > 250_000) report("payload", `${bytes} bytes (> 250 KB)`);
  return problems;
}

export function assertWithinSlackLimits(subject: unknown, surface?: Surface): void {
  const problems = slackLimitProblems(subject, surface);
  if (problems.length > 0) throw new Error(`Block Kit limits broken:\n${problems.join("\n")}`);
}

type Report = (path: string, message: string) => void;

function checkView(view: Json, report: Report): void {
  if (view.type === "modal") {
    checkText(view.title, "title", report, { max: 24, plainOnly: true, required: true });
    if (view.submit !== undefined) checkText(view.submit, "submit", report, { max: 24, plainOnly: true });
    if (view.close !== undefined) checkText(view.close, "close", report, { max: 24, plainOnly: true });
  }
  if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000) {
    report("private_metadata", `${view.private_metadata.length} chars (> 3000)`);
  }
  checkId(view.callback_id, "callback_id", report);
  checkId(view.external_id, "external_id", report);
}

function checkId(value: unknown, path: string, report: Report): void {
  if (value === undefined) return;
  if (typeof value !== "string" || value.length === 0 || value.length > 255) report(path, `id must be 1-255 chars, got ${JSON.stringify(value)}`);
}

function checkText(
  value: unknown,
  path: string,
  report: Report,
  rule: { max?: number; plainOnly?: boolean; required?: boolean } = {},
): void {
  if (value === undefined && !rule.required) return;
  if (!isObject(value) || (value.type !== "plain_text" && value.type !== "mrkdwn")) {
    report(path, "not a text object");
    return;
  }
  if (rule.plainOnly && value.type !== "plain_text") report(path, "must be plain_text");
  const text = value.text;
  if (typeof text !== "string" || text.length === 0) {
    report(path, "empty text");
    return;
  }
  const max = Math.min(rule.max ?? 3000, 3000);
  if (text.length > max) report(path, `${text.length} chars (> ${max})`);
}

function checkBlock(block: unknown, path: string, blockIds: Set<string>, report: Report): void {
  if (!isObject(block) || typeof block.type !== "string") {
    report(path, "not a block");
    return;
  }
  if (block.block_id !== undefined) {
    checkId(block.block_id, `${path}.block_id`, report);
    if (typeof block.block_id === "string") {
      if (blockIds.has(block.block_id)) report(`${path}.block_id`, `duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
  }
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) report(path, "section needs text or fields");
      checkText(block.text, `${path}.text`, report);
      const fields = asArray(block.fields);
      if (fields.length > 10) report(`${path}.fields`, `${fields.length} fields (> 10)`);
      fields.forEach((field, i) => checkText(field, `${path}.fields[${i}]`, report, { max: 2000, required: true }));
      if (block.accessory !== undefined) checkElement(block.accessory, `${path}.accessory`, report);
      break;
    }
    case "header":
      checkText(block.text, `${path}.text`, report, { max: 150, plainOnly: true, required: true });
      break;
    case "context": {
      const elements = asArray(block.elements);
      if (elements.length === 0 || elements.length > 10) report(`${path}.elements`, `${elements.length} elements (1-10)`);
      elements.forEach((element, i) => {
        if (isObject(element) && element.type !== "image") checkText(element, `${path}.elements[${i}]`, report, { required: true });
      });
      break;
    }
    case "actions": {
      const elements = asArray(block.elements);
      if (elements.length === 0 || elements.length > 25) report(`${path}.elements`, `${elements.length} elements (1-25)`);
      checkUniqueActionIds(elements, path, report);
      elements.forEach((element, i) => checkElement(element, `${path}.elements[${i}]`, report));
      break;
    }
    case "input":
      checkText(block.label, `${path}.label`, report, { max: 2000, plainOnly: true, required: true });
      checkText(block.hint, `${path}.hint`, report, { max: 2000, plainOnly: true });
      checkElement(block.element, `${path}.element`, report);
      break;
    case "divider":
      break;
    default:
      report(path, `block type ${block.type} is not checked by this helper`);
  }
}

function checkUniqueActionIds(elements: unknown[], path: string, report: Report): void {
  const seen = new Set<string>();
  for (const element of elements) {
    if (!isObject(element) || typeof element.action_id !== "string") continue;
    if (seen.has(element.action_id)) report(path, `duplicate action_id ${element.action_id} in one block`);
    seen.add(element.action_id);
  }
}

function checkElement(element: unknown, path: string, report: Report): void {
  if (!isObject(element) || typeof element.type !== "string") {
    report(path, "not an element");
    return;
  }
  checkId(element.action_id, `${path}.action_id`, report);
  checkText(element.placeholder, `${path}.placeholder`, report, { max: 150, plainOnly: true });
  if (isObject(element.confirm)) {
    const confirm = element.confirm;
    checkText(confirm.title, `${path}.confirm.title`, report, { max: 100, plainOnly: true, required: true });
    checkText(confirm.text, `${path}.confirm.text`, report, { max: 300, required: true });
    checkText(confirm.confirm, `${path}.confirm.confirm`, report, { max: 30, plainOnly: true, required: true });
    checkText(confirm.deny, `${path}.confirm.deny`, report, { max: 30, plainOnly: true, required: true });
  }
  switch (element.type) {
    case "button":
      checkText(element.text, `${path}.text`, report, { max: 75, plainOnly: true, required: true });
      if (typeof element.value === "string" && element.value.length > 2000) report(`${path}.value`, "value > 2000 chars");
      if (typeof element.url === "string" && element.url.length > 3000) report(`${path}.url`, "url > 3000 chars");
      break;
    case "static_select":
    case "multi_static_select":
      checkOptions(element, path, report, 100);
      break;
    case "radio_buttons":
    case "checkboxes":
      checkOptions(element, path, report, 10);
      break;
    case "overflow":
      checkOptions(element, path, report, 5);
      break;
    case "external_select":
    case "multi_external_select":
      if (element.options !== undefined) report(path, "external selects get their options from block_suggestion");
      if (isObject(element.initial_option)) checkOption(element.initial_option, `${path}.initial_option`, report);
      break;
    case "plain_text_input":
      if (typeof element.min_length === "number" && element.min_length > 3000) report(path, "min_length > 3000");
      break;
    default:
      break;
  }
}

function checkOptions(element: Json, path: string, report: Report, max: number): void {
  const options = asArray(element.options);
  const groups = asArray(element.option_groups);
  if (options.length > 0 && groups.length > 0) report(path, "options and option_groups are exclusive");
  if (options.length === 0 && groups.length === 0) report(path, "no options");
  if (options.length > max) report(`${path}.options`, `${options.length} options (> ${max})`);
  if (groups.length > 100) report(`${path}.option_groups`, `${groups.length} groups (> 100)`);
  const all = [...options];
  groups.forEach((group, g) => {
    if (!isObject(group)) return;
    checkText(group.label, `${path}.option_groups[${g}].label`, report, { max: 75, plainOnly: true, required: true });
    const groupOptions = asArray(group.options);
    if (groupOptions.length > 100) report(`${path}.option_groups[${g}]`, `${groupOptions.length} options (> 100)`);
    all.push(...groupOptions);
  });
  all.forEach((option, i) => checkOption(option, `${path}.options[${i}]`, report));
  const values = new Set<string>();
  for (const option of all) {
    if (!isObject(option) || typeof option.value !== "string") continue;
    if (values.has(option.value)) report(path, `duplicate option value ${option.value}`);
    values.add(option.value);
  }
  const initial = [
    ...(element.initial_option !== undefined ? [element.initial_option] : []),
    ...asArray(element.initial_options),
  ];
  for (const chosen of initial) {
    if (!all.some((option) => JSON.stringify(option) === JSON.stringify(chosen))) {
      report(path, `initial option ${JSON.stringify(chosen)} is not one of the options`);
    }
  }
}

function checkOption(option: unknown, path: string, report: Report): void {
  if (!isObject(option)) {
    report(path, "not an option");
    return;
  }
  checkText(option.text, `${path}.text`, report, { max: 75, required: true });
  checkText(option.description, `${path}.description`, report, { max: 75 });
  if (typeof option.value !== "string" || option.value.length === 0 || option.value.length > 75) {
    report(`${path}.value`, `option value must be 1-75 chars, got ${JSON.stringify(option.value)}`);
  }
}

import { z } from "zod";

/**
 * The parts of Slack's `view.state.values` the forms read. Values are user input: every field is
 * optional and checked again by the form schemas and the domain.
 */
const option = z.object({ value: z.string().max(150) });
const element = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_option: option.nullish(),
    selected_options: z.array(option).max(100).nullish(),
    selected_date_time: z.number().int().nullish(),
  })
  .passthrough();

export const viewStateSchema = z.record(z.string().max(255), z.record(z.string().max(255), element));
export type ViewState = z.infer<typeof viewStateSchema>;

export function textValue(state: ViewState, block: string, action: string): string {
  return state[block]?.[action]?.value?.trim() ?? "";
}

export function selectedValue(state: ViewState, block: string, action: string): string | undefined {
  return state[block]?.[action]?.selected_option?.value ?? undefined;
}

export function selectedValues(state: ViewState, block: string, action: string): string[] {
  return (state[block]?.[action]?.selected_options ?? []).map((o) => o.value);
}

export function selectedDateTime(state: ViewState, block: string, action: string): number | undefined {
  return state[block]?.[action]?.selected_date_time ?? undefined;
}

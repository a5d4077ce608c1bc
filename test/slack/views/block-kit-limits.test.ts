import { describe, expect, it } from "vitest";
import { slackLimitProblems } from "../../support/block-kit-limits.ts";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("the Block Kit limits helper catches", () => {
  it("too many blocks and a missing fallback text", () => {
    const problems = slackLimitProblems({ blocks: Array.from({ length: 51 }, () => section("x")) });
    expect(problems.join("\n")).toMatch(/51 blocks/);
    expect(problems.join("\n")).toMatch(/fallback text/);
  });

  it("long texts, long buttons and long option texts and values", () => {
    const problems = slackLimitProblems({
      text: "t",
      blocks: [
        section("x".repeat(3001)),
        { type: "header", text: { type: "plain_text", text: "h".repeat(151) } },
        {
          type: "actions",
          elements: [
            { type: "button", action_id: "a", text: { type: "plain_text", text: "b".repeat(76) } },
            { type: "button", action_id: "a", text: { type: "plain_text", text: "ok" } },
            { type: "static_select", action_id: "s", options: [{ text: { type: "plain_text", text: "o".repeat(76) }, value: "v".repeat(76) }] },
          ],
        },
      ],
    }).join("\n");
    expect(problems).toMatch(/blocks\[0\]\.text: 3001 chars/);
    expect(problems).toMatch(/blocks\[1\]\.text: 151 chars/);
    expect(problems).toMatch(/76 chars \(> 75\)/);
    expect(problems).toMatch(/duplicate action_id a/);
    expect(problems).toMatch(/option value must be 1-75/);
  });

  it("modal titles, duplicate block ids, initial options not offered and empty texts", () => {
    const problems = slackLimitProblems({
      type: "modal",
      title: { type: "plain_text", text: "A title that is far too long" },
      blocks: [
        { ...section(""), block_id: "b" },
        {
          type: "input",
          block_id: "b",
          label: { type: "plain_text", text: "L" },
          element: {
            type: "multi_static_select",
            action_id: "m",
            options: [{ text: { type: "plain_text", text: "A" }, value: "a" }],
            initial_options: [{ text: { type: "plain_text", text: "B" }, value: "b" }],
          },
        },
      ],
    }).join("\n");
    expect(problems).toMatch(/title: 28 chars/);
    expect(problems).toMatch(/duplicate block_id b/);
    expect(problems).toMatch(/initial option/);
    expect(problems).toMatch(/empty text/);
    expect(problems).toMatch(/needs a submit/);
  });

  it("views over 250 KB", () => {
    const blocks = Array.from({ length: 100 }, () => section("é".repeat(2900)));
    expect(slackLimitProblems({ type: "home", blocks }).join("\n")).toMatch(/> 250 KB/);
  });
});

import { describe, expect, it } from "vitest";
import { escapeAndTruncate, escapeMrkdwn, joinWithin, truncate } from "../../../src/slack/views/escape.ts";

describe("escape", () => {
  it("keeps mentions and disguised links inert", () => {
    expect(escapeMrkdwn("<!channel> & <https://evil|x>")).toBe("&lt;!channel&gt; &amp; &lt;https://evil|x&gt;");
  });

  it("truncates with an ellipsis inside the limit", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("ab😀😀", 4).length).toBeLessThanOrEqual(4);
    expect(truncate("ab😀😀", 4)).toBe("ab…");
  });

  it("never cuts an escaped entity in half", () => {
    const out = escapeAndTruncate("a&&&&&&", 8);
    expect(out.length).toBeLessThanOrEqual(8);
    expect(out).toBe("a&amp;…");
  });

  it("joins lines within a budget and says how many were left out", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${"x".repeat(50)}`);
    const out = joinWithin(lines, 500, (n) => `+${n}`);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out).toMatch(/\+\d+$/);
  });
});

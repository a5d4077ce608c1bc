import { describe, expect, it } from "vitest";
import { CANCEL_REQUEST } from "../../../src/slack/ids.ts";
import { cancelButton } from "../../../src/slack/views/blocks.ts";
import { errorMessage, refusalMessage } from "../../../src/slack/views/error-message.ts";
import { helpMessage } from "../../../src/slack/views/help-message.ts";
import { unknownUserMessage } from "../../../src/slack/views/unknown-user-message.ts";
import { assertWithinSlackLimits } from "../../support/block-kit-limits.ts";

describe("small messages", () => {
  it("help lists the commands, with notes for partners and leads", () => {
    const plain = helpMessage({ locale: "de" });
    assertWithinSlackLimits(plain);
    expect(JSON.stringify(plain)).toContain("/sparring status");
    const full = helpMessage({ locale: "en", isPartner: true, isLead: true });
    assertWithinSlackLimits(full);
    expect(JSON.stringify(full)).toContain("As a programme lead");
  });

  it("unknown users are told politely whom to contact", () => {
    const message = unknownUserMessage({ locale: "de", contactLine: "Projektleitung, sparring@example.org <mailto:x|y>" });
    assertWithinSlackLimits(message);
    expect(message.text).toBe(
      "Sie sind noch nicht für das Programm freigeschaltet. Bitte wenden Sie sich an: Projektleitung, sparring@example.org &lt;mailto:x|y&gt;",
    );
    expect(unknownUserMessage({ locale: "en", contactLine: "x" }).text).toContain("Please contact: x");
  });

  it("errors are calm", () => {
    expect(errorMessage({ locale: "de" }).text).toBe("Da ist etwas schiefgegangen. Bitte versuchen Sie es in einer Minute erneut.");
    expect(errorMessage({ locale: "en" }).text).toBe("Something went wrong. Please try again in a minute.");
    assertWithinSlackLimits(errorMessage({ locale: "de" }));
  });

  it("refusals become messages with the numbers", () => {
    const message = refusalMessage({ locale: "de", refusal: { ok: false, code: "quota_exhausted", used: 12, limit: 12 } });
    assertWithinSlackLimits(message);
    expect(message.text).toContain("12 von 12");
  });

  it("cancel buttons carry a confirm dialog", () => {
    const b = cancelButton("de", "r1");
    expect(b.action_id).toBe(CANCEL_REQUEST);
    expect(b.confirm?.confirm?.text).toBe("Ja, stornieren");
  });
});

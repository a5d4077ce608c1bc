import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFlow, type Flow } from "./flow-helpers.ts";

describe("smoke", () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await startFlow();
  });
  afterAll(async () => flow.stop());

  it("opens the booking modal for a contact", async () => {
    const res = await flow.slackApi.slashCommand({ user: "U01CONTACT1", text: "" });
    expect(res.status).toBe(200);
    const open = await flow.slack.waitFor("views.open");
    expect(open.args.view.callback_id).toBe("booking_modal");
    const partnerId = await flow.personId("U01PARTNER4");
    const booked = await flow.book("U01CONTACT1", { topics: ["surveys"], partnerId, question: "Wie gehen wir <!channel> vor?" });
    console.log(JSON.stringify(booked), flow.logs.slice(-5));
    await flow.settle();
    console.log(flow.slack.calls().map((c) => c.method));
  });
});

import { benchBooking } from "./booking.ts";

for (const line of await benchBooking()) console.log(line);

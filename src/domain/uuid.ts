const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids come from Slack payloads (button values, typed ids) and are user input: anything but a uuid
 * is "not found". Checked before a query because PostgreSQL would throw on a malformed uuid.
 */
export const isUuid = (value: string): boolean => uuidPattern.test(value);

/** When the practice sees patients on a working day, in minutes past midnight on a London clock. */
export const SURGERY_HOURS = { opens: 8 * 60, closes: 18 * 60 + 30 } as const;

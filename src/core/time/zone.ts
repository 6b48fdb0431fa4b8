/** Every local date and time in Saha is Turkey's (docs/domain.md); luxon and Intl both take it by name. */
export const ZONE = 'Europe/Istanbul';

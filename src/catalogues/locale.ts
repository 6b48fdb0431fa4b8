/** The languages the catalogues word things in; the screen's choice (src/adapters/ui/i18n) is one of them. */
export type Locale = 'tr' | 'en';

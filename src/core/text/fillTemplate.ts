/**
 * Fills `{name}` placeholders of a catalogue text. `value(name)` returns the text for a name, or
 * undefined to leave the placeholder as written (a missing parameter stays visible, not blank).
 * The catalogues (reading, field work, screens) each format their own values.
 */
export function fillTemplate(template: string, value: (name: string) => string | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => value(name) ?? whole);
}

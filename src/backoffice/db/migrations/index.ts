/**
 * Every schema migration, in version order. One file per migration; each helper adds one line.
 * Versions are never renumbered or edited once released: migrate() records applied versions in
 * schema_migrations and only runs the missing ones.
 */
import type { Migration } from '../migrate.js';

export const migrations: Migration[] = [];

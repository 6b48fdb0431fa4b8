/**
 * Every schema migration, in version order. One file per migration; each helper adds one line.
 * Versions are never renumbered or edited once released: migrate() records applied versions in
 * schema_migrations and only runs the missing ones.
 */
import type { Migration } from '../migrate.js';
import { m0001 } from './0001_events.js';
import { m0002 } from './0002_jobs.js';
import { m0003 } from './0003_reconcile.js';

export const migrations: Migration[] = [m0001, m0002, m0003];

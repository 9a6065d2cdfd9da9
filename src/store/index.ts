/** The store: the only place that speaks SQL. Everything above it calls these functions. */
export * from './db.js';
export * from './schema.js';
export * from './documents.js';
export * from './records.js';
export * from './events.js';
export * from './audit.js';
export * from './users.js';
export * from './aggregates.js';
export * from './event-detail.js';

/** What commands share: opening the store from options, reading option values. */
import { LetopisError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { CommandContext } from './spec.js';

export function str(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.opts[name];
  return typeof v === 'string' ? v : undefined;
}

export function list(ctx: CommandContext, name: string): string[] | undefined {
  const v = ctx.opts[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').filter(Boolean) : undefined;
}

export function int(ctx: CommandContext, name: string): number | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new LetopisError('USAGE', `--${name}: "${v}" is not a whole number`);
  return n;
}

export function day(ctx: CommandContext, name: string): string | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v))) throw new LetopisError('USAGE', `--${name}: "${v}" is not a date (YYYY-MM-DD)`);
  return v.slice(0, 10);
}

export async function openFromOptions(ctx: CommandContext, command: string): Promise<Store> {
  // Loaded on demand: commands that never open a store (extract) skip ~0.2 s of imports.
  const { openStore } = await import('../store/index.js');
  return openStore({ url: str(ctx, 'database-url') ?? null, dataDir: str(ctx, 'data') ?? './data', command });
}

export async function withStore<T>(ctx: CommandContext, command: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openFromOptions(ctx, command);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Talking to our own API: same origin only, JSON in and out, the CSRF token on every state change. */

export interface Source {
  document_id: number; source_name: string | null; url: string | null; ref: string; published: string | null; title: string | null;
  evidence: { start: number; end: number; text: string };
}
export interface EventView {
  id: number; kind: string; type: string; date: { start: string | null; end?: string; precision: string };
  place: { country: string | null; region: string | null; settlement: string | null };
  status: 'draft' | 'published' | 'rejected'; disputed: boolean; certainty: string; independent_sources: number; source_count: number;
  counts: Record<string, number>; measure?: string; value?: number; qualifier?: string; actors: string[]; target: string | null;
  attribution: string[]; summary: string; sources: Source[]; version?: number;
}
export interface Evidence {
  record_id: number; document_id: number; type: string; summary: string; evidence_start: number; evidence_end: number;
  excerpt: string; excerpt_start: number; document_length: number; extractor_version: string;
}
export interface EventDetail extends EventView { records: Evidence[] }
export interface AggregateRow { key: (string | null)[]; events: number; counts: Record<string, number>; population?: number | null; rate_per_100k?: number | null }
export interface Region { code: string; country: string; name: Record<string, string>; population: number | null; capital: string | null }
export interface Session { editor: boolean; local: boolean; user: { name: string; role: string } | null; csrf: string | null }
export interface TallySeries { type: string; measure: string; country: string | null; region: string | null; since: string | null; points: { event_id: number; date: string | null; value: number; qualifier: string | null; attribution: string[] }[] }

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly param?: string) {
    super(message);
  }
}

let session: Session | null = null;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && session?.csrf) headers['x-csrf-token'] = session.csrf;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const data = (await res.json().catch(() => null)) as { error?: { message: string; param?: string } } | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.message ?? `HTTP ${res.status}`, data?.error?.param);
  return data as T;
}

export const get = <T>(path: string): Promise<T> => call<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}): Promise<T> => call<T>('POST', path, body);

export async function loadSession(): Promise<Session> {
  session = await get<Session>('/api/session');
  return session;
}
export const currentSession = (): Session | null => session;

export async function login(name: string, password: string): Promise<void> {
  await post('/api/login', { name, password });
  await loadSession();
}
export async function logout(): Promise<void> {
  await post('/api/logout');
  await loadSession();
}

let regions: Promise<Map<string, Region>> | null = null;
export function loadRegions(): Promise<Map<string, Region>> {
  regions ??= get<{ regions: Region[] }>('/api/regions').then(
    (r) => new Map(r.regions.map((x) => [x.code, x])),
    (err: unknown) => {
      regions = null; // try again next time
      throw err;
    },
  );
  return regions;
}

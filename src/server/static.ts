/**
 * The built web app (dist/web), read into memory once with gzip and brotli copies. Serving from a
 * fixed map means no path from a request ever reaches the file system.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

export interface StaticFile {
  body: Uint8Array;
  gzip?: Uint8Array;
  br?: Uint8Array;
  type: string;
  etag: string;
  /** Vite puts a content hash in every file under assets/: those never change. */
  immutable: boolean;
}

export function loadStatic(dir: string): Map<string, StaticFile> | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const files = new Map<string, StaticFile>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) { walk(p); continue; }
      const body = readFileSync(p);
      const type = TYPES[extname(name)] ?? 'application/octet-stream';
      const rel = '/' + relative(dir, p).split(sep).join('/');
      const compressible = /^(text|application\/(json|manifest)|image\/svg)/.test(type) && body.length > 512;
      files.set(rel, {
        body, type,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
        immutable: rel.startsWith('/assets/'),
        ...(compressible ? { gzip: gzipSync(body, { level: 9 }), br: brotliCompressSync(body) } : {}),
      });
    }
  };
  walk(dir);
  return files;
}

/** Build the response for one file, honouring If-None-Match and Accept-Encoding. */
export function staticResponse(f: StaticFile, req: Request): Response {
  const headers = new Headers({
    'content-type': f.type,
    etag: f.etag,
    'cache-control': f.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  });
  if (req.headers.get('if-none-match') === f.etag) return new Response(null, { status: 304, headers });
  const accept = req.headers.get('accept-encoding') ?? '';
  let body = f.body;
  if (f.br && /\bbr\b/.test(accept)) { body = f.br; headers.set('content-encoding', 'br'); }
  else if (f.gzip && /\bgzip\b/.test(accept)) { body = f.gzip; headers.set('content-encoding', 'gzip'); }
  headers.set('content-length', String(body.length));
  return new Response(req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

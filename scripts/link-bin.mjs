#!/usr/bin/env node
// npm links the bins of dependencies, not the package's own: link ours into node_modules/.bin so that
// `npx letopis` in a clone runs it at once instead of npx searching for a package of that name.
import { existsSync, mkdirSync, symlinkSync, lstatSync, unlinkSync } from 'node:fs';

const dir = new URL('../node_modules/.bin/', import.meta.url);
const link = new URL('letopis', dir);
if (!existsSync(new URL('../node_modules/', import.meta.url))) process.exit(0);
mkdirSync(dir, { recursive: true });
try {
  if (lstatSync(link).isSymbolicLink()) unlinkSync(link);
} catch { /* not there yet */ }
if (!existsSync(link)) symlinkSync('../../bin/letopis.js', link);

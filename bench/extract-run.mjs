#!/usr/bin/env node
// Dev helper: extract one file to JSON Lines with the built engine (dist/), independent of the CLI.
//   node bench/extract-run.mjs [--published YYYY-MM-DD] FILE
// Works before src/extract/places.ts exists (places are then left empty).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let published = null;
const i = args.indexOf('--published');
if (i >= 0) { published = args[i + 1] || null; args.splice(i, 2); }
const text = readFileSync(args[0] === '-' || !args[0] ? 0 : args[0], 'utf8');

const { runEngine } = await import('../dist/extract/engine.js');
const { getLexicon } = await import('../dist/extract/lexicon.js');
const { getPack } = await import('../dist/extract/packs.js');
const { detectLanguage } = await import('../dist/extract/lang.js');
let findPlaces = null;
try { ({ findPlaces } = await import('../dist/extract/places.js')); } catch { /* not there yet */ }
const lang = detectLanguage(text);
const lex = getLexicon(lang);
const pack = getPack(lang);
const records = lex && pack ? runEngine(text, { published }, lex, pack, findPlaces) : [];
for (const r of records) process.stdout.write(JSON.stringify(r) + '\n');
